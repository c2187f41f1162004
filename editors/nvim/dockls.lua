-- dockls for Neovim 0.8+: start `dockls --stdio` for Dockerfiles and
-- compose files.  Put `dockls` on PATH (or set vim.g.dockls_cmd) and
-- source this file from your init.lua.
local cmd = vim.g.dockls_cmd or { "dockls", "--stdio" }

-- Compose files are YAML to Neovim; give them their own filetype so the
-- server (and only it) is attached by name, as the interface asks.
vim.filetype.add({
  pattern = {
    [".*compose.*%.ya?ml"] = "yaml.docker-compose",
  },
})

vim.api.nvim_create_autocmd("FileType", {
  pattern = { "dockerfile", "yaml.docker-compose" },
  callback = function(args)
    local root = vim.fs.dirname(vim.fs.find({ ".git", ".dockls.yaml" }, { upward = true, path = vim.api.nvim_buf_get_name(args.buf) })[1])
    vim.lsp.start({
      name = "dockls",
      cmd = cmd,
      root_dir = root or vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)),
      get_language_id = function(_, filetype)
        return filetype == "dockerfile" and "dockerfile" or "dockercompose"
      end,
    })
  end,
})
