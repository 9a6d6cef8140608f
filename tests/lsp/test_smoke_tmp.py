from conftest import *

async def test_smoke(client, rules_copy):
    T = types
    d3, _ = await open_and_wait(client, Y2023)
    d3.replace_first("taux_ps", "taux_pss", after="let ps_maximale")
    diags = await d3.diagnostics()
    r = await client.text_document_code_action_async(T.CodeActionParams(text_document=d3.ident, range=diags[0].range, context=T.CodeActionContext(diagnostics=diags)))
    print("ACT1", r)
    # multiple syntax errors
    d3.replace_first("rate = 32,5 %", "rate = 32.5 %")
    d3.replace_first("money = 7 885 €", "money 7 885 €")
    d3.replace_first("refuse unless demande.depose_le in periode_depot", "refuse unless demande.depose_le in in periode_depot")
    print("SYN", await d3.diagnostics())
    # parent broken
    p = rules_copy / "2023-2024.clas"
    c = rules_copy / "2024-2025.clas"
    t = p.read_text().replace("let ps_maximale: money = round(prix_plafond * taux_ps", "let ps_maximale: money = round(prix_plafond * taux_pss")
    p.write_text(t)
    dc, dd = await open_and_wait(client, c)
    print("CHILD", dd)
    # no source
    t = (rules_copy / "2023-2024.clas").read_text().replace('param anciennete_pluriannuel: integer = 2\n  source "§3 Financement pluriannuel"\n', 'param anciennete_pluriannuel: integer = 2\n')
    dp, dd = await open_and_wait(client, rules_copy / "2023-2024.clas", t)
    print("NOSRC", dd)
    r = await client.text_document_code_action_async(T.CodeActionParams(text_document=dp.ident, range=dd[0].range, context=T.CodeActionContext(diagnostics=dd)))
    print("ACT2", r)
    assert False
