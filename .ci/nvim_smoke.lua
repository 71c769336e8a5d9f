-- A smoke test in a real editor: Debian's Neovim (0.7) starts `treatywatch lsp` with
-- vim.lsp.start_client and buf_attach_client (0.7 has no vim.lsp.start), opens a claim file,
-- types a wrong actor id, and waits for the server's diagnostic with its hint.
--   TREATYWATCH=… WORKSPACE=… nvim --headless -u NONE -c 'luafile .ci/nvim_smoke.lua'
local bin = os.getenv("TREATYWATCH")
local root = os.getenv("WORKSPACE")
local file = root .. "/data/claims/claims.yaml"
vim.cmd("edit " .. file)
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "treatywatch",
  cmd = { bin, "lsp", "--as-of", "2026-01-01" },
  root_dir = root,
})
vim.lsp.buf_attach_client(buf, client_id)
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
for i, line in ipairs(lines) do
  if line:find("accused: rus", 1, true) then
    lines[i] = line:gsub("accused: rus", "accused: russa")
    break
  end
end
vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
local found = nil
local ok = vim.wait(15000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.message:find("did you mean `rus`", 1, true) then
      found = d
      return true
    end
  end
  return false
end, 100)
if ok then
  io.stdout:write(string.format("PASS: Neovim shows %s:%d:%d %s\n", file, found.lnum + 1, found.col + 1,
    (found.message:gsub("\n.*", ""))))
  vim.cmd("qall!")
else
  io.stdout:write("FAIL: no diagnostic with the hint in Neovim: " .. vim.inspect(vim.diagnostic.get(buf)) .. "\n")
  vim.cmd("cquit 1")
end
