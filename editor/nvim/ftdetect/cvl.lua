-- CVL contracts: files ending in .cvl have the file type `cvl`.
if vim.filetype and vim.fn.has("nvim-0.8") == 1 then
  vim.filetype.add({ extension = { cvl = "cvl" } })
else
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    pattern = "*.cvl",
    command = "setfiletype cvl",
  })
end
