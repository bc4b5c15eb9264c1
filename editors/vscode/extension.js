// Starts `blindspot lsp` for Terraform, tfvars, YAML and JSON files. The server decides
// which files are Terraform or CloudFormation; other YAML and JSON files get no diagnostics.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("blindspot").get("path") || "blindspot";
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "terraform" },
      { scheme: "file", language: "terraform-vars" },
      { scheme: "file", pattern: "**/*.{tf,tf.json,tfvars,tfvars.json,template}" },
      { scheme: "file", language: "yaml" },
      { scheme: "file", language: "json" },
    ],
  };
  client = new LanguageClient("blindspot", "blindspot", serverOptions, clientOptions);
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
