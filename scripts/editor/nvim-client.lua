-- A second, independent LSP client: headless Neovim (Debian's 0.7) starts the server over
-- stdio, opens one file and writes the diagnostics it receives as one JSON line.
-- Arguments come from the environment: ASE_SERVER (path to dist/server.js), ASE_FILE.
local server = os.getenv('ASE_SERVER')
local file = os.getenv('ASE_FILE')
local received = nil

local client_id = vim.lsp.start_client({
  name = 'ase-lint',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      -- The open answers first; later notifications (settings arriving) repeat it.
      if received == nil and result.uri == vim.uri_from_fname(file) then received = result end
    end,
  },
})

vim.cmd('edit ' .. vim.fn.fnameescape(file))
-- With -u NONE there is no filetype detection; the server wants the language id.
vim.bo.filetype = 'json'
vim.lsp.buf_attach_client(0, client_id)

local ok = vim.wait(30000, function() return received ~= nil end, 50)
if ok then
  io.stdout:write(vim.fn.json_encode(received.diagnostics) .. '\n')
else
  io.stdout:write('TIMEOUT\n')
end
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd(ok and 'qa!' or 'cq!')
