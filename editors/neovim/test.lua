-- Run by test.sh, in `nvim --headless -u clas.lua RULEBOOK`: waits for the
-- language server's diagnostics on the open rulebook (which has a typo) and
-- exits 0 when an error about the typo arrived, 1 otherwise.
local function clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = 0 })
  end
  if vim.lsp.buf_get_clients then
    return vim.tbl_values(vim.lsp.buf_get_clients(0))
  end
  return vim.lsp.get_active_clients()
end

local function out(text)
  io.stdout:write(text .. '\n')
end

local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 100)

local diagnostics = vim.diagnostic.get(0)
out(('filetype: %s'):format(vim.bo.filetype))
out(('language server clients attached: %d'):format(#clients()))
out(('diagnostics: %d'):format(#diagnostics))
local found = false
for _, d in ipairs(diagnostics) do
  out(('  line %d, column %d, severity %d: %s'):format(d.lnum + 1, d.col + 1, d.severity, d.message))
  if d.severity == vim.diagnostic.severity.ERROR and d.message:find('encadrants_minimun', 1, true) then
    found = true
  end
end

if arrived and found and vim.bo.filetype == 'clas' then
  out('ok: the error about the typo arrived from clas-rules lsp')
  vim.cmd('qa!')
else
  out('FAILED: no error diagnostic about `encadrants_minimun` within 20 s')
  vim.cmd('cquit 1')
end
