-- dockls for Neovim 0.7.2 and later: starts `dockls --stdio` for
-- Dockerfiles and Docker Compose files.  Put `dockls` on PATH (or set
-- vim.g.dockls_cmd to the command as a list) and source this file from
-- your init.lua, e.g. `dofile("/path/to/dockls/editors/nvim/dockls.lua")`.
local cmd = vim.g.dockls_cmd or { "dockls", "--stdio" }

-- Neovim treats compose files as plain YAML.  A compose filetype of their
-- own lets the server attach by name and send the languageId dockls
-- expects; "yaml.docker-compose" keeps YAML syntax highlighting, because a
-- dotted filetype runs the syntax and plugins of each part.
local compose_ft = "yaml.docker-compose"

local function is_compose_name(name)
  return name:match("^compose%.ya?ml$") ~= nil
    or name:match("^compose%..+%.ya?ml$") ~= nil
    or name:match("^docker%-compose%.ya?ml$") ~= nil
    or name:match("^docker%-compose%..+%.ya?ml$") ~= nil
end

-- vim.filetype.add arrived in 0.7 but is only honoured by the Lua
-- filetype detection, which 0.7 leaves off by default; an autocommand on
-- the file name works on every version, so it is used throughout.
vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
  pattern = { "*.yml", "*.yaml" },
  callback = function(args)
    if is_compose_name(vim.fn.fnamemodify(args.file, ":t")) then
      vim.bo[args.buf].filetype = compose_ft
    end
  end,
})

-- The project root: the nearest folder upwards holding .git or
-- .dockls.yaml, else the file's own folder.  finddir/findfile return ""
-- when nothing is found, so a project without .git does not error.
local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local best
  for _, marker in ipairs({ ".git", ".dockls.yaml" }) do
    local hit = vim.fn.finddir(marker, dir .. ";")
    if hit == "" then hit = vim.fn.findfile(marker, dir .. ";") end
    if hit ~= "" then
      local found = vim.fn.fnamemodify(hit, ":p:h")
      -- finddir returns "x/.git/" whose :h is .git itself; step out of it.
      if vim.fn.fnamemodify(found, ":t") == marker then found = vim.fn.fnamemodify(found, ":h") end
      if not best or #found > #best then best = found end
    end
  end
  return best or dir
end

local function language_id(_, filetype)
  return filetype == "dockerfile" and "dockerfile" or "dockercompose"
end

-- One client per root on 0.7, where vim.lsp.start (0.8) does not exist and
-- start_client would otherwise start a new server for every buffer.
local clients_by_root = {}

local function attach(buf)
  local path = vim.api.nvim_buf_get_name(buf)
  if path == "" then return end
  local config = {
    name = "dockls",
    cmd = cmd,
    root_dir = root_of(path),
    get_language_id = language_id,
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = buf })
    return
  end
  local id = clients_by_root[config.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    if not id then return end
    clients_by_root[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(buf, id)
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "dockerfile", compose_ft },
  callback = function(args) attach(args.buf) end,
})
