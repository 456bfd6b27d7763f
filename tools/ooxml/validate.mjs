// Validate .pptx files with the Open XML SDK's validator (@ooxml-tools/validate: the SDK
// compiled to WebAssembly, so no .NET), all in one process: the runtime loads once.
// Usage: node validate.mjs FILE...  Prints one JSON object: each file's list of errors.
// Its own command, ooxml-validate, exits 0 even when it finds errors; this script's output
// is what the test reads.
import { readFile } from "node:fs/promises";
import validate from "@ooxml-tools/validate";

const results = {};
for (const path of process.argv.slice(2)) {
  results[path] = await validate(await readFile(path), "pptx", "Microsoft365");
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
