// Documents a cycle produces: PDF, spreadsheets and result exports.
// The only door into this folder: routers and other folders import from here.
export * from "./pdf.js";
export * from "./spreadsheet.js";
export * from "./exports.js";
export * from "./documents.js";
