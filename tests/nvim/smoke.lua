-- Neovim smoke test for `blindspot lsp` (tests/lsp.rs runs it headless): opens
-- $SMOKE_FILE, attaches the server ($BLINDSPOT_BIN lsp), waits for its diagnostics and
-- writes them to $SMOKE_OUT as `line:col:code:message` (0-based), then quits.
-- Uses vim.lsp.start_client, which Neovim 0.7 (Debian 12) has; 0.8+ also has vim.lsp.start.
local out = os.getenv("SMOKE_OUT")
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("SMOKE_FILE")))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "blindspot",
  cmd = { os.getenv("BLINDSPOT_BIN"), "lsp" },
  root_dir = vim.fn.getcwd(),
})
vim.lsp.buf_attach_client(buf, id)
vim.wait(30000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(lines, string.format("%d:%d:%s:%s", d.lnum, d.col, d.code or lsp.code or "", d.message))
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(id)
vim.wait(5000, function()
  return vim.lsp.get_client_by_id(id) == nil
end, 50)
vim.cmd("qa!")
