-- CVL buffers: comments, indentation, and the language server `cvl lsp` (diagnostics, hover, go to definition,
-- completion, symbols, formatting), spoken to over standard input and output.
--
-- Settings (set them before a CVL file is opened):
--   vim.g.cvl_lsp = false            do not start the server (for example when nvim-lspconfig starts it)
--   vim.g.cvl_lsp_cmd = { "/path/to/cvl", "lsp" }   the command that starts it (default { "cvl", "lsp" })

if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = true

vim.bo.commentstring = "// %s"
vim.bo.comments = "://"
vim.bo.expandtab = true
vim.bo.shiftwidth = 2
vim.bo.softtabstop = 2
vim.b.undo_ftplugin = "setlocal commentstring< comments< expandtab< shiftwidth< softtabstop<"

-- Tree-sitter highlighting when the `cvl` parser is installed (plugin/cvl_treesitter.lua, editor/README.md);
-- without it, syntax/cvl.vim highlights.
if vim.treesitter and vim.treesitter.start then
  pcall(vim.treesitter.start, 0, "cvl")
end

if vim.g.cvl_lsp == false then
  return
end

local cmd = vim.g.cvl_lsp_cmd or { "cvl", "lsp" }
if vim.fn.executable(cmd[1]) ~= 1 then
  if not vim.g.cvl_lsp_warned then
    vim.g.cvl_lsp_warned = true
    vim.notify(
      "cvl: `" .. cmd[1] .. "` is not an executable, so the language server is not started"
        .. " (install it with `cargo install --path lang/cli`, or set vim.g.cvl_lsp_cmd)",
      vim.log.levels.WARN
    )
  end
  return
end

local buffer = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(buffer)
local dir = file ~= "" and vim.fn.fnamemodify(file, ":p:h") or vim.fn.getcwd()

-- The project's root: the nearest directory above the file that holds a `.git` (a directory, or a file in a
-- git worktree), else the file's own directory.
local function root_of(start)
  local root = start
  local depth = -1
  local git_dir = vim.fn.finddir(".git", start .. ";")
  if git_dir ~= "" then
    root = vim.fn.fnamemodify(git_dir, ":p:h:h")
    depth = #root
  end
  local git_file = vim.fn.findfile(".git", start .. ";")
  if git_file ~= "" and #vim.fn.fnamemodify(git_file, ":p:h") > depth then
    root = vim.fn.fnamemodify(git_file, ":p:h")
  end
  return root
end

local root_dir = root_of(dir)
local config = { name = "cvl", cmd = cmd, root_dir = root_dir }

if vim.lsp.start then
  -- Neovim 0.8 and later: starts the server once per root and attaches this buffer to it.
  vim.lsp.start(config, { bufnr = buffer })
else
  -- Neovim 0.7: the same by hand, one client per root.
  local clients = vim.g.cvl_lsp_clients or {}
  local id = clients[root_dir]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(config)
    clients[root_dir] = id
    vim.g.cvl_lsp_clients = clients
  end
  if id ~= nil then
    vim.lsp.buf_attach_client(buffer, id)
  end
end
