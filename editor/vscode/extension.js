// The CVL extension for VS Code: starts `cvl lsp` (the language server, spoken to over standard input and output)
// for every CVL file, and restarts it when the `cvl.path` setting changes or on the command "CVL: Restart the
// language server". Highlighting, comments, brackets and indentation are declared in package.json and need no
// code. Plain JavaScript, so that the extension needs no build step.

'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/** The program to start: the `cvl.path` setting, or `cvl` on PATH. */
function cvlPath() {
  const configured = vscode.workspace.getConfiguration('cvl').get('path');
  return typeof configured === 'string' && configured.trim() !== '' ? configured.trim() : 'cvl';
}

function createClient() {
  const command = cvlPath();
  // No `transport` field: stdio is the default, and naming it would make the client add `--stdio` to the
  // arguments, which `cvl lsp` does not take.
  /** @type {import('vscode-languageclient/node').ServerOptions} */
  const serverOptions = { command, args: ['lsp'] };
  /** @type {import('vscode-languageclient/node').LanguageClientOptions} */
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'cvl' },
      { scheme: 'untitled', language: 'cvl' },
    ],
  };
  return new LanguageClient('cvl', 'CVL language server', serverOptions, clientOptions);
}

async function startClient() {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    vscode.window.showErrorMessage(
      `could not start \`${cvlPath()} lsp\`: ${reason} (install cvl with \`cargo install --path lang/cli\`, or set \`cvl.path\`)`,
    );
  }
}

async function stopClient() {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    await running.stop().catch(() => undefined);
  }
}

async function restartClient() {
  await stopClient();
  await startClient();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('cvl.restartServer', restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('cvl.path')) {
        return restartClient();
      }
      return undefined;
    }),
  );
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
