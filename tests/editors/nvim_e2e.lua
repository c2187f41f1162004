-- End-to-end test in a real Neovim (0.7+), run headless by run_nvim.sh:
-- open a Dockerfile or compose file ($LSP_LANGUAGE), wait for dockls's diagnostics, ask for the quick-fix
-- of one rule the way a user's "code action" does, apply it, save, and
-- wait until the server re-publishes without that diagnostic.  The
-- result goes to $LSP_OUT as JSON; the exit status says which step
-- failed (see run_nvim.sh).
local cmd = vim.json.decode(os.getenv("LSP_CMD"))
local file = os.getenv("LSP_FILE")
local out = os.getenv("LSP_OUT")
local rule = os.getenv("LSP_RULE")
local language = os.getenv("LSP_LANGUAGE")
local timeout = 15000

local report = { steps = {} }
local raw = {} -- the last published LSP diagnostics, as the server sent them

local function finish(code)
  report.exit = code
  local f = io.open(out, "w")
  f:write(vim.json.encode(report))
  f:close()
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop(true) end
  vim.cmd("cquit " .. code)
end

local function find_rule(diags)
  for _, d in ipairs(diags) do
    if d.code == rule then return d end
  end
  return nil
end

local function run()
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local published = 0
  local client_id = vim.lsp.start_client({
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ":h"),
    get_language_id = function() return language end,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        if result and vim.uri_to_bufnr(result.uri) == buf then
          raw = result.diagnostics
          published = published + 1
        end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  if not client_id then return finish(5) end
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  if not vim.wait(timeout, function() return client.initialized and find_rule(raw) ~= nil end, 20) then
    report.diagnostics = raw
    return finish(2)
  end
  local d = find_rule(raw)
  table.insert(report.steps, "diagnostic " .. rule)

  local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = d.range,
    context = { diagnostics = { d }, only = { "quickfix" } },
  }, timeout)
  local action
  for _, response in pairs(responses or {}) do
    for _, a in ipairs(response.result or {}) do
      if a.isPreferred and a.edit then action = a end
    end
  end
  if not action then return finish(3) end
  report.applied = action.title
  table.insert(report.steps, "code action " .. action.title)

  local tick = vim.api.nvim_buf_get_changedtick(buf)
  local before = published
  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  if vim.api.nvim_buf_get_changedtick(buf) == tick then return finish(4) end
  vim.cmd("write")
  report.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n")

  -- The edit reaches the server as an incremental didChange; it answers
  -- with diagnostics for the new version.
  if not vim.wait(timeout, function() return published > before and find_rule(raw) == nil end, 20) then
    report.diagnostics_after = raw
    return finish(6)
  end
  report.diagnostics_after = raw
  table.insert(report.steps, "diagnostic gone")
  finish(0)
end

local ok, err = pcall(run)
if not ok then
  report.error = tostring(err)
  finish(1)
end
