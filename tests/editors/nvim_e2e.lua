-- End-to-end test in a real Neovim, run headless by run_nvim.sh after
-- Neovim has read an init.lua holding only what the README tells users to
-- write (the shipped editors/nvim/dockls.lua starts the client, not this
-- script).  It opens every file of $LSP_CASES in one session, checks that
-- one dockls client serves them all with the right languageId, then for
-- each file asks for the quick-fix of its rule the way a user's "code
-- action" does, applies it, saves, and waits until the server
-- re-publishes without that diagnostic.  The report goes to $LSP_OUT as
-- JSON; the exit status says which step failed (see run_nvim.sh).
local dir = os.getenv("LSP_DIR")
local out = os.getenv("LSP_OUT")
local timeout = tonumber(os.getenv("LSP_TIMEOUT_MS") or "15000")

-- "Dockerfile=apk-no-cache compose.yaml=compose-version-obsolete"
local cases = {}
for file, rule in (os.getenv("LSP_CASES") or ""):gmatch("([^%s=]+)=([^%s]+)") do
  table.insert(cases, { file = file, rule = rule })
end

-- Which Neovim ran, and so which path of dockls.lua started the client
-- (vim.lsp.start from 0.8, start_client before).
local v = vim.version()
local report = {
  files = {},
  nvim = string.format("%d.%d.%d", v.major, v.minor, v.patch),
  lsp_start = vim.lsp.start ~= nil,
}
local raw = {}      -- uri -> the last diagnostics published, as the server sent them
local published = {} -- uri -> how many publishDiagnostics arrived

-- Observe what the server publishes without replacing the shipped
-- client's behaviour: the default handler still runs.
local default_publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
  if result then
    raw[result.uri] = result.diagnostics
    published[result.uri] = (published[result.uri] or 0) + 1
  end
  return default_publish(err, result, ctx, config)
end

-- Neovim 0.10 declares pull diagnostics, so dockls answers its
-- textDocument/diagnostic requests instead of publishing.  Neovim sends
-- them for visible buffers after each didOpen and didChange.
local default_pull = vim.lsp.handlers["textDocument/diagnostic"]
if default_pull then
  vim.lsp.handlers["textDocument/diagnostic"] = function(err, result, ctx, config)
    local uri = ctx.params and ctx.params.textDocument.uri
    if result and uri then
      if result.kind == "full" then raw[uri] = result.items end
      published[uri] = (published[uri] or 0) + 1
    end
    return default_pull(err, result, ctx, config)
  end
end

local function finish(code)
  report.exit = code
  local f = io.open(out, "w")
  f:write(vim.json.encode(report))
  f:close()
  for _, client in pairs(vim.lsp.get_active_clients()) do client.stop(true) end
  vim.cmd("cquit " .. code)
end

local function find_rule(uri, rule)
  for _, d in ipairs(raw[uri] or {}) do
    if d.code == rule then return d end
  end
  return nil
end

local function dockls_clients(buf)
  local found = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
    if client.name == "dockls" then table.insert(found, client) end
  end
  return found
end

-- Opens the files one after the other, each in a window of its own, and
-- waits until each buffer has its dockls client before opening the next,
-- as a user looks at one file and then the other.  Neovim 0.10 pulls a
-- buffer's diagnostics only while it is the current buffer when its
-- didOpen or didChange goes out, and only when a window shows it.
local function open_all()
  for i, case in ipairs(cases) do
    vim.cmd((i == 1 and "edit " or "split ") .. vim.fn.fnameescape(dir .. "/" .. case.file))
    case.buf = vim.api.nvim_get_current_buf()
    case.uri = vim.uri_from_bufnr(case.buf)
    local attached = vim.wait(timeout, function()
      local c = dockls_clients(case.buf)[1]
      return c ~= nil and c.initialized
    end, 20)
    if not attached then return false end
  end
  local ids = {}
  for _, case in ipairs(cases) do
    local client = dockls_clients(case.buf)[1]
    case.client = client
    ids[client.id] = true
    local ft = vim.bo[case.buf].filetype
    report.files[case.file] = {
      filetype = ft,
      language_id = client.config.get_language_id(case.buf, ft),
    }
  end
  report.clients = vim.tbl_count(ids)
  return true
end

local function expected_language(file)
  return file:match("compose") and "dockercompose" or "dockerfile"
end

-- One file's scenario; returns 0 or the failing step's status.
local function fix_one(case)
  local entry = report.files[case.file]
  if entry.language_id ~= expected_language(case.file) then return 7 end
  if not vim.wait(timeout, function() return find_rule(case.uri, case.rule) ~= nil end, 20) then
    entry.diagnostics = raw[case.uri]
    return 2
  end
  local d = find_rule(case.uri, case.rule)
  entry.diagnostic = d.message
  local responses = vim.lsp.buf_request_sync(case.buf, "textDocument/codeAction", {
    textDocument = { uri = case.uri },
    range = d.range,
    context = { diagnostics = { d }, only = { "quickfix" } },
  }, timeout)
  local action
  for _, response in pairs(responses or {}) do
    for _, a in ipairs(response.result or {}) do
      if a.isPreferred and a.edit then action = a end
    end
  end
  if not action then return 3 end
  entry.applied = action.title

  vim.api.nvim_set_current_buf(case.buf)
  local tick = vim.api.nvim_buf_get_changedtick(case.buf)
  local before = published[case.uri] or 0
  vim.lsp.util.apply_workspace_edit(action.edit, case.client.offset_encoding)
  if vim.api.nvim_buf_get_changedtick(case.buf) == tick then return 4 end
  vim.cmd("write")
  -- The edit reaches the server as an incremental didChange; it answers
  -- with diagnostics for the new version.
  local gone = vim.wait(timeout, function()
    return (published[case.uri] or 0) > before and find_rule(case.uri, case.rule) == nil
  end, 20)
  entry.diagnostics_after = raw[case.uri]
  return gone and 0 or 6
end

local function run()
  if not open_all() then return finish(5) end
  -- Both kinds of file in one project must share one server.
  if report.clients ~= 1 then return finish(8) end
  for _, case in ipairs(cases) do
    local status = fix_one(case)
    if status ~= 0 then
      report.failed = case.file
      return finish(status)
    end
  end
  finish(0)
end

local ok, err = pcall(run)
if not ok then
  report.error = tostring(err)
  finish(1)
end
