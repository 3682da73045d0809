-- CVL's tree-sitter grammar for nvim-treesitter: registers the parser `cvl` (its source is editor/tree-sitter-cvl
-- in this checkout, found from this file's place), so that `:TSInstall cvl` builds it; the queries are in
-- queries/cvl/ beside this directory (a link to editor/tree-sitter-cvl/queries). Without nvim-treesitter this
-- does nothing, and syntax/cvl.vim highlights instead.
--
-- Neovim 0.9 or later: `vim.treesitter.language.register` maps the file type to the parser. With Neovim 0.11 or
-- later and no nvim-treesitter, build the parser yourself (editor/README.md) and put it in a `parser/` directory
-- on the runtime path: `vim.treesitter.start()` then highlights a CVL buffer.

local here = debug.getinfo(1, "S").source:sub(2)
local grammar = vim.fn.fnamemodify(here, ":p:h:h:h") .. "/tree-sitter-cvl"

if vim.treesitter and vim.treesitter.language and vim.treesitter.language.register then
  vim.treesitter.language.register("cvl", "cvl")
end

local ok, parsers = pcall(require, "nvim-treesitter.parsers")
if not ok then
  return
end

local config = {
  install_info = {
    url = grammar,
    files = { "src/parser.c" },
    branch = "main",
    generate_requires_npm = false,
    requires_generate_from_grammar = false,
  },
  filetype = "cvl",
  maintainers = {},
}

if type(parsers.get_parser_configs) == "function" then
  -- nvim-treesitter's `master` branch.
  parsers.get_parser_configs().cvl = config
else
  -- nvim-treesitter's `main` branch: parsers are registered on the User TSUpdate event.
  vim.api.nvim_create_autocmd("User", {
    pattern = "TSUpdate",
    callback = function()
      require("nvim-treesitter.parsers").cvl = {
        install_info = { path = grammar, queries = "queries" },
      }
    end,
  })
end
