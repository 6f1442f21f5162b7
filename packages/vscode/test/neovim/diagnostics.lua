-- Drives statelint-language-server from Neovim's built-in LSP client (0.7 API) and writes the
-- diagnostics Neovim received for one buffer to a JSON file for the test to read.
local root = vim.env.STATELINT_ROOT
local out = vim.env.STATELINT_OUT

local client_id = vim.lsp.start_client({
  name = "statelint",
  cmd = { vim.env.STATELINT_NODE, vim.env.STATELINT_SERVER, "--stdio" },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = "root" } },
  init_options = { debounceMs = 0 },
})

local function write(value)
  local file = assert(io.open(out, "w"))
  file:write(vim.fn.json_encode(value))
  file:close()
end

if not client_id then
  write({ error = "start_client failed" })
  vim.cmd("qall!")
end

vim.cmd("edit " .. vim.fn.fnameescape(root .. "/" .. vim.env.STATELINT_FILE))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)

local function code_of(diagnostic)
  if diagnostic.code then return diagnostic.code end
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp
  return lsp and lsp.code
end

local want = vim.env.STATELINT_WAIT_FOR
local received = vim.wait(20000, function()
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(diagnostic) == want then return true end
  end
  return false
end, 50)

local result = {}
for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(result, {
    lnum = diagnostic.lnum,
    col = diagnostic.col,
    end_lnum = diagnostic.end_lnum,
    end_col = diagnostic.end_col,
    severity = diagnostic.severity,
    message = diagnostic.message,
    source = diagnostic.source,
    code = code_of(diagnostic),
  })
end
write({ received = received, diagnostics = result })
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
