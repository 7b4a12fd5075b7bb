// vscode-languageclient names its Node entry through package.json "exports", which the repo's
// `moduleResolution: node` does not read; esbuild does. This points the type checker at the same file.
declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
