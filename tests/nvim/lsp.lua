-- Drives Neovim's built-in LSP client against `promolint lsp` (run by
-- tests/lsp_neovim.rs): opens the packet, waits for diagnostics, asks for a
-- hover, a completion of an expectation id and a code action that inserts a
-- `covers` comment, applies it, and writes what it saw as JSON to $RESULT.
-- Works with Neovim 0.7 (Debian 12) and later: start_client + buf_attach_client.
local bin = assert(os.getenv('PROMOLINT'), 'PROMOLINT is not set')
local packet = assert(os.getenv('PACKET'), 'PACKET is not set')
local result_path = assert(os.getenv('RESULT'), 'RESULT is not set')
local result = {}

local function finish(ok, err)
  result.ok = ok
  result.error = err and tostring(err) or nil
  local f = assert(io.open(result_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd(ok and 'qall!' or 'cquit!')
end

-- The one answer of the one client to a request.
local function request(buf, method, params)
  local answers, err = vim.lsp.buf_request_sync(buf, method, params, 20000)
  assert(answers, method .. ': ' .. tostring(err))
  for _, answer in pairs(answers) do
    assert(not answer.err, method .. ': ' .. vim.inspect(answer.err))
    return answer.result
  end
  error(method .. ': no answer')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(packet))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = 'promolint',
    cmd = { bin, '--rules', 'rules', 'lsp' },
    root_dir = vim.fn.getcwd(),
    flags = { debounce_text_changes = 0 },
  })
  assert(client, 'the client did not start')
  assert(vim.lsp.buf_attach_client(buf, client), 'could not attach')
  assert(vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20), 'no diagnostics')

  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      line = d.lnum + 1, col = d.col + 1, end_line = d.end_lnum + 1, end_col = d.end_col + 1,
      code = d.code or lsp.code, severity = d.severity, message = d.message,
    })
  end

  local uri = vim.uri_from_bufnr(buf)
  local hover = request(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = 8, character = 12 } })
  result.hover = hover and hover.contents and hover.contents.value

  -- Type a claim with the start of an id in its covers comment.
  local count = vim.api.nvim_buf_line_count(buf)
  local typed = '- Planned the Q3 roadmap. <!-- covers: ro'
  vim.api.nvim_buf_set_lines(buf, count, count, false, { typed })
  local items = request(buf, 'textDocument/completion', {
    textDocument = { uri = uri }, position = { line = count, character = #typed },
  })
  items = items and (items.items or items) or {}
  result.completion = {}
  for _, item in ipairs(items) do table.insert(result.completion, item.label) end
  vim.api.nvim_buf_set_lines(buf, count, count + 1, false, {})

  -- The code action on the vague claim (line 9) that inserts a covers comment, applied.
  local actions = request(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = { line = 8, character = 3 }, ['end'] = { line = 8, character = 3 } },
    context = { diagnostics = {} },
  }) or {}
  result.actions = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(result.actions, action.title)
    if not chosen and action.title:find('^this claim covers') then chosen = action end
  end
  assert(chosen, 'no covers action among ' .. vim.inspect(result.actions))
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  result.line_after_action = vim.api.nvim_buf_get_lines(buf, 8, 9, false)[1]

  vim.lsp.stop_client(client)
end)
finish(ok, err)
