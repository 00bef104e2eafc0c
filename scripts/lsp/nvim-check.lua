-- Neovim (0.7+, headless) with its built-in LSP client on `cfntool lsp`: waits for the
-- diagnostics of the file it was started on, asks for hover and definition at the position in
-- CFNTOOL_POS ("line:col", 1-based), applies the first safe quick fix (a finding's lint --fix
-- fix), and prints what it got as `key=value` lines for
-- scripts/check-lsp-editor.sh to check. Exits 1 when the server does not answer.
local bin = os.getenv("CFNTOOL_BIN")
local line, col = os.getenv("CFNTOOL_POS"):match("(%d+):(%d+)")
line, col = tonumber(line), tonumber(col)
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({ name = "cfntool", cmd = { bin, "lsp" }, root_dir = vim.fn.getcwd() })
if not client then
  print("error=the client did not start")
  vim.cmd("cquit 1")
end
vim.lsp.buf_attach_client(buf, client)
local ok = vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
print("diagnostics=" .. #vim.diagnostic.get(buf))
for _, d in ipairs(vim.diagnostic.get(buf)) do
  print("diagnostic=" .. tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)) .. ":" .. (d.lnum + 1))
end
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line - 1, character = col - 1 } }
local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 5000) or {}
for _, r in pairs(hover) do
  if r.result and r.result.contents then
    print("hover=" .. (r.result.contents.value or ""):gsub("\n", " "))
  end
end
local def = vim.lsp.buf_request_sync(buf, "textDocument/definition", params, 5000) or {}
for _, r in pairs(def) do
  if r.result and r.result.range then print("definition=" .. (r.result.range.start.line + 1)) end
end
-- The quick fix of the first diagnostic with a safe fix (lint --fix's own), applied to the buffer.
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp
  if lsp and lsp.data and lsp.data.fix and lsp.data.fix.safety == "safe" then
    local raw = vim.deepcopy(lsp)
    raw.range = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum or d.lnum, character = d.end_col or d.col } }
    raw.message = raw.message or d.message
    raw.severity = raw.severity or d.severity
    local ask = { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = raw.range, context = { diagnostics = { raw } } }
    local answers = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", ask, 5000) or {}
    for _, r in pairs(answers) do
      for _, a in ipairs(r.result or {}) do
        if a.isPreferred then
          print("codeaction=" .. a.title)
          local before = vim.api.nvim_buf_line_count(buf)
          vim.lsp.util.apply_workspace_edit(a.edit, "utf-16")
          print("applied=" .. before .. ":" .. vim.api.nvim_buf_line_count(buf))
        end
      end
    end
    break
  end
end
vim.lsp.stop_client(client)
if ok then vim.cmd("qall!") else vim.cmd("cquit 1") end
