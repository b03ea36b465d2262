using System;
using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using KieGen.Cli;

var baseUrl = new Option<string?>("--base-url") { Description = "Kie's address (default https://api.kie.ai/); point it at a fake server in tests.", Recursive = true };
var keyFile = new Option<FileInfo?>("--api-key-file") { Description = "A file holding the API key (default: the KIE_API_KEY variable).", Recursive = true };

var query = new Option<string?>("--q") { Description = "Free text to match." };
var provider = new Option<string?>("--provider") { Description = "Only this provider's models." };
var taskType = new Option<string[]>("--task-type") { Description = "Only models of these task types (e.g. \"Text to Video\").", AllowMultipleArgumentsPerToken = true };
var models = new Command("models", "List Kie's live models: id, task types, price.") { query, provider, taskType };
models.SetAction((r, ct) => Commands.ModelsAsync(Commands.Connect(r.GetValue(baseUrl), r.GetValue(keyFile)), r.GetValue(query), r.GetValue(provider), r.GetValue(taskType), Console.Out, ct));

var ids = new Argument<string[]>("model") { Description = "Model ids to import.", Arity = ArgumentArity.ZeroOrMore };
var all = new Option<bool>("--all") { Description = "Import every model of Kie's live catalog (about 1 model per second)." };
var output = new Option<DirectoryInfo>("--out") { Description = "The folder of schema files.", DefaultValueFactory = _ => new DirectoryInfo("schemas") };
var file = new Option<FileInfo?>("--file") { Description = "Convert a saved document offline: a /schema answer, an OpenAPI document (JSON or YAML) or a docs page (.md)." };
var fileTaskType = new Option<string[]>("--task-type") { Description = "With --file: the model's task types as Kie lists them (e.g. \"Text to Speech\"), which decide its category; without, it is guessed from the page's tags.", AllowMultipleArgumentsPerToken = true };
var import = new Command("import", "Fetch models' OpenAPI documents and write them as schema files.") { ids, all, output, file, fileTaskType };
import.SetAction((r, ct) => r.GetValue(file) is { } saved
    ? Commands.ImportFileAsync(saved, r.GetValue(output)!, Console.Out, Console.Error, ct, r.GetValue(fileTaskType))
    : Commands.ImportAsync(Commands.Connect(r.GetValue(baseUrl), r.GetValue(keyFile)), r.GetValue(ids) ?? [], r.GetValue(all), r.GetValue(output)!, Console.Out, Console.Error, ct));

var folder = new Argument<DirectoryInfo>("dir") { Description = "The folder of schema files.", DefaultValueFactory = _ => new DirectoryInfo("schemas"), Arity = ArgumentArity.ZeroOrOne };
var includeNew = new Option<bool>("--include-new") { Description = "Write the files of new models, and of renamed models under their new id (the old file is kept)." };
var updateChanged = new Option<bool>("--update-changed") { Description = "Rewrite changed files from Kie's current schema (your x- annotations kept)." };
var json = new Option<FileInfo?>("--json") { Description = "Also write the report as JSON to this file." };
var diff = new Command("diff", "Compare local schema files with Kie's live catalog: new, renamed, retired and changed models. " + Commands.DiffExitCodes) { folder, includeNew, updateChanged, json };
diff.SetAction((r, ct) => Commands.DiffAsync(
    () => Commands.Connect(r.GetValue(baseUrl), r.GetValue(keyFile)),
    r.GetValue(folder)!,
    (r.GetValue(includeNew) ? DiffWrites.New : DiffWrites.None) | (r.GetValue(updateChanged) ? DiffWrites.Changed : DiffWrites.None),
    r.GetValue(json),
    Console.Out,
    Console.Error,
    ct));

var project = new Argument<DirectoryInfo>("project") { Description = "The project folder.", DefaultValueFactory = _ => new DirectoryInfo("."), Arity = ArgumentArity.ZeroOrOne };
var init = new Command("init", "Write the schema format's meta-schema and an example model file into a project's schemas/ folder.") { project };
init.SetAction((r, ct) => Commands.InitAsync(r.GetValue(project)!, Console.Out, ct));

var root = new RootCommand("kiegen: Kie's live catalog, schema import and drift detection for KieGen.") { models, import, diff, init };
root.Options.Add(baseUrl);
root.Options.Add(keyFile);
var parsed = root.Parse(args);
var code = await parsed.InvokeAsync();

// A command line that does not parse is a usage error (2), never mistaken for diff's "drift found" (1).
return parsed.Errors.Count > 0 ? Commands.CouldNotCheck : code;
