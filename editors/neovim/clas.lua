-- CLAS rulebooks (*.clas) in Neovim: filetype, editing options, a small
-- syntax highlighting, and the language server `clas-rules lsp`
-- (diagnostics, hover, go to definition, references, rename, completion,
-- symbols, formatting, code actions…).
--
-- Use it one of these ways:
--   * from your init.lua:   dofile('/path/to/clas-rules/editors/neovim/clas.lua')
--   * as the whole config:  nvim -u editors/neovim/clas.lua rules/national/2024-2025.clas
--   * with nvim-lspconfig:  see editors/neovim/README.md
--
-- Settings (set them before this file is loaded):
--   vim.g.clas_rules_path  the program (default: $CLAS_RULES_BIN, else `clas-rules` on PATH)
--   vim.g.clas_rules_dir   the folder of rulebooks, passed as CLAS_RULES_DIR (optional)
--
-- Works with Neovim 0.7 and later (vim.lsp.start is used when available).

local M = {}

-- ---------------------------------------------------------------- filetype

if vim.filetype and vim.filetype.add then
  vim.filetype.add({ extension = { clas = 'clas' } })
end
local group = vim.api.nvim_create_augroup('clas_rules', { clear = true })
-- Neovim 0.7 uses filetype.vim unless g:do_filetype_lua is set: detect here too.
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  group = group,
  pattern = '*.clas',
  callback = function()
    vim.bo.filetype = 'clas'
  end,
})

-- ---------------------------------------------------------------- the server

local function binary()
  local configured = vim.g.clas_rules_path
  if configured and configured ~= '' then
    return vim.fn.expand(configured)
  end
  local env = os.getenv('CLAS_RULES_BIN')
  if env and env ~= '' then
    return env
  end
  return 'clas-rules'
end

-- The folder that holds the `rules` folder of a rulebook (as clas-rules finds
-- the rules folder), else the rulebook's own folder.
local function root_dir(file)
  local start = vim.fn.fnamemodify(file, ':p:h')
  local dir = start
  while true do
    if vim.fn.fnamemodify(dir, ':t') == 'rules' then
      return vim.fn.fnamemodify(dir, ':h')
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return start
    end
    dir = parent
  end
end

local clients_by_root = {} -- Neovim 0.7: one client per root, reused

function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local program = binary()
  if vim.fn.executable(program) ~= 1 then
    vim.notify(
      ('CLAS : le programme « %s » est introuvable. Installez clas-rules ou indiquez son chemin dans vim.g.clas_rules_path.'):format(program),
      vim.log.levels.ERROR
    )
    return nil
  end
  local root = root_dir(vim.api.nvim_buf_get_name(bufnr))
  local config = {
    name = 'clas-rules',
    cmd = { program, 'lsp' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
  }
  if vim.g.clas_rules_dir and vim.g.clas_rules_dir ~= '' then
    config.cmd_env = { CLAS_RULES_DIR = vim.fn.expand(vim.g.clas_rules_dir) }
  end
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

-- ---------------------------------------------------------------- the buffer

local function syntax()
  if vim.b.current_syntax then
    return
  end
  vim.cmd([[
    syntax clear
    syntax match clasComment "#.*$" contains=@Spell
    syntax region clasString start=+"+ skip=+\\.+ end=+"\|$+ contains=clasEscape,clasPlaceholder
    syntax match clasEscape +\\[\\"n]+ contained
    syntax match clasPlaceholder "{[[:alnum:]_]\+}" contained
    syntax keyword clasDeclaration rulebook enum record input param let def rule output assert override drop extend
    syntax keyword clasKeyword for in if then else and or not default when unless
    syntax keyword clasClause message source label ceiling year version extends layer over
    syntax keyword clasSeverity refuse incomplete warn info
    syntax keyword clasType bool integer decimal money rate date text list optional range
    syntax keyword clasBoolean true false
    syntax match clasTypeName "\<\u\w*"
    syntax match clasDate "\<\d\{4}-\d\{2}-\d\{2}\>"
    syntax match clasNumber "\<\d\{1,3}\%([  ]\d\{3}\)*\%(,\d\+\)\?\%(\s\?[€%]\)\?"
    syntax match clasOperator "\.\.=\|==\|!=\|<=\|>=\|[<>+*×/-]"
    highlight default link clasComment Comment
    highlight default link clasString String
    highlight default link clasEscape SpecialChar
    highlight default link clasPlaceholder Special
    highlight default link clasDeclaration Keyword
    highlight default link clasKeyword Conditional
    highlight default link clasClause Statement
    highlight default link clasSeverity Exception
    highlight default link clasType Type
    highlight default link clasTypeName Type
    highlight default link clasBoolean Boolean
    highlight default link clasDate Number
    highlight default link clasNumber Number
    highlight default link clasOperator Operator
  ]])
  vim.b.current_syntax = 'clas'
end

vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = 'clas',
  callback = function(args)
    local bufnr = args.buf
    -- Declarations start at column 0; continuation lines are indented by two spaces.
    vim.bo[bufnr].expandtab = true
    vim.bo[bufnr].shiftwidth = 2
    vim.bo[bufnr].softtabstop = 2
    vim.bo[bufnr].commentstring = '# %s'
    vim.bo[bufnr].comments = ':#'
    syntax()
    M.start(bufnr)
  end,
})

return M
