// Validate .pptx files with the Open XML SDK's validator (@ooxml-tools/validate: the SDK
// compiled to WebAssembly, so no .NET), all in one process: the runtime loads once.
// Usage: node validate.mjs FILE...  Prints one JSON object: each file's list of errors.
// Its own command, ooxml-validate, exits 0 even when it finds errors; this script's output
// is what the test reads. A file the SDK cannot open at all (two members of one name, a
// broken zip) gets one error saying so, and the other files are still validated.
import { readFile } from "node:fs/promises";
import validate from "@ooxml-tools/validate";

const results = {};
for (const path of process.argv.slice(2)) {
  try {
    results[path] = await validate(await readFile(path), "pptx", "Microsoft365");
  } catch (error) {
    const description = String(error && error.message ? error.message : error).split("\n")[0];
    results[path] = [{ id: "Package", description, path: null }];
  }
}
process.stdout.write(JSON.stringify(results, null, 2) + "\n");
