using System.Collections.Concurrent;
using System.Globalization;
using KieGen.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace KieGen.Client.Tests;

/// <summary>
/// Every fault the fake server injects, against every operation (submit, wait, download, callback), each counting
/// lost tasks and duplicate paid creates. The rows make docs/reliability.md: a case whose row differs from the
/// committed file rewrites the file and fails, so CI catches a table that no longer matches what the code does.
/// </summary>
public class FaultMatrixTests
{
    private const string Create = "/api/v1/jobs/createTask";
    private const string Status = "/api/v1/jobs/recordInfo";
    private const string Files = "/files/";
    private const string Header = "| Fault | Operation | Outcome | Lost tasks | Duplicate paid tasks |";
    private static readonly object FileGate = new();

    /// <summary>Every injected fault, by the name the table shows.</summary>
    private static readonly (string Name, Func<string, Fault> Make)[] Faults =
    [
        ("HTTP 500", p => Fault.ServerError(500, p)),
        ("HTTP 455 maintenance", p => Fault.Maintenance(p)),
        ("HTTP 429", p => Fault.TooManyRequests(TimeSpan.FromSeconds(1), p)),
        ("reset after processing", p => Fault.ResetAfterProcessing(p)),
        ("slow answer", p => Fault.Slow(TimeSpan.FromMilliseconds(200), p)),
        ("malformed JSON", p => new Fault(FaultKind.MalformedJson) { PathPrefix = p }),
        ("truncated body", p => new Fault(FaultKind.TruncatedJson) { PathPrefix = p }),
        ("message instead of msg", p => new Fault(FaultKind.MessageInsteadOfMsg) { PathPrefix = p }),
        ("failCode as number", p => new Fault(FaultKind.FailCodeAsNumber) { PathPrefix = p }),
        ("failCode as null", p => new Fault(FaultKind.FailCodeAsNull) { PathPrefix = p }),
        ("not yet visible", p => Fault.NotYetVisible(p)),
        ("HTML page with HTTP 200", p => Fault.HtmlErrorPage(p)),
        ("error code with HTTP 200", p => Fault.ErrorAsHttp200(500, p)),
    ];

    private static readonly string[] Operations = ["submit", "wait", "download", "callback"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (fault, operation) in CaseKeys())
        {
            data.Add(fault, operation);
        }

        return data;
    }

    private static IEnumerable<(string Fault, string Operation)> CaseKeys() =>
        Faults.SelectMany(f => Operations.Select(o => (f.Name, o)));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task No_fault_loses_a_task_or_pays_twice(string fault, string operation)
    {
        var make = Faults.Single(f => f.Name == fault).Make;
        var row = operation switch
        {
            "submit" => await SubmitAsync(make(Create)),
            "wait" => await WaitAsync(make(Status)),
            "download" => await DownloadAsync(make(Files)),
            _ => await CallbackAsync(make(Status)),
        } with { Fault = fault, Operation = operation };

        Assert.Equal((0, 0), (row.Lost, row.Duplicates));
        var committed = Record(row);
        Assert.True(committed == row.Line, $"docs/reliability.md said\n{committed}\nbut the run gives\n{row.Line}\n(the file was rewritten: review and commit it)");
    }

    [Fact]
    public void The_committed_table_has_one_row_per_case_and_nothing_else()
    {
        var rows = ReadRows(File.ReadAllText(TablePath()));
        Assert.Equal(CaseKeys().ToList(), rows.Keys.ToList());
    }

    /// <summary>Submit under the fault; a doubtful outcome is reconciled as a user would, then the task is waited for.</summary>
    private static async Task<Row> SubmitAsync(Fault fault)
    {
        await using var h = await Harness.StartAsync();
        h.Server.InjectFault(fault);
        KieTask? task = null;
        var outcome = "created";
        var toldMayExist = false;
        try
        {
            task = await h.DriveAsync(h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken));
        }
        catch (KieSubmissionUnknownException e)
        {
            toldMayExist = true;
            outcome = "KieSubmissionUnknownException, not resubmitted";
            var found = h.Server.Tasks.FirstOrDefault(t => t.CreatedAt >= e.SentAt); // reconciling, as with Kie's dashboard
            task = found is null ? null : h.Client.GetTask(found.TaskId, KieGen.Models.KieGenCatalog.Models["nano-banana-2"].Model);
            outcome += found is null ? "; no task existed" : "; the task existed and was resumed";
        }
        catch (KieException e)
        {
            outcome = e.GetType().Name;
        }

        if (task is not null)
        {
            await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));
            outcome += "; completed";
        }

        var lost = h.Server.Tasks.Count(t => t.TaskId != task?.TaskId && !toldMayExist);
        return Counted(h, outcome, lost);
    }

    /// <summary>Wait under the fault; if the wait gives up, the task is resumed from its token in a fresh client.</summary>
    private static async Task<Row> WaitAsync(Fault fault)
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        h.Server.InjectFault(fault);
        var outcome = await OutcomeAsync(() => h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken)), "completed");
        var lost = await ObtainableAsync(h, task) ? 0 : 1;
        return Counted(h, outcome, lost);
    }

    /// <summary>Download a result file under the fault; the bytes must be the file's, or a typed error and a later download must work.</summary>
    private static async Task<Row> DownloadAsync(Fault fault)
    {
        await using var h = await Harness.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), cancellationToken: TestContext.Current.CancellationToken);
        var result = await h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken));
        using var clean = new MemoryStream();
        await h.DriveAsync(h.Client.DownloadAsync(result.Urls[0], clean, cancellationToken: TestContext.Current.CancellationToken));
        var expected = clean.ToArray();
        Assert.NotEmpty(expected);
        h.Server.InjectFault(fault);
        using var file = new MemoryStream();
        var outcome = await OutcomeAsync(() => h.DriveAsync(h.Client.DownloadAsync(result.Urls[0], file, cancellationToken: TestContext.Current.CancellationToken)), "downloaded");
        if (outcome == "downloaded" && !file.ToArray().AsSpan().SequenceEqual(expected))
        {
            outcome = "downloaded wrong bytes";
        }

        using var again = new MemoryStream();
        await h.DriveAsync(h.Client.DownloadAsync(result.Urls[0], again, cancellationToken: TestContext.Current.CancellationToken));
        var lost = again.ToArray().AsSpan().SequenceEqual(expected) && outcome != "downloaded wrong bytes" ? 0 : 1;
        return Counted(h, outcome, lost);
    }

    /// <summary>The completion callback arrives; the status read that confirms it (as the callback endpoint does) meets the fault.</summary>
    private static async Task<Row> CallbackAsync(Fault fault)
    {
        await using var h = await Harness.StartAsync();
        await using var receiver = await Receiver.StartAsync();
        var task = await h.Client.SubmitAsync(Sample.NanoBanana(), receiver.Url.ToString(), TestContext.Current.CancellationToken);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Server.WaitForCallbacksAsync(TestContext.Current.CancellationToken);
        var heard = receiver.Bodies.Any(b => b.Contains(task.TaskId, StringComparison.Ordinal));
        h.Server.InjectFault(fault);
        var outcome = (heard ? "callback received; " : "no callback; ")
            + await OutcomeAsync(() => h.DriveAsync(h.Client.WaitForCompletionAsync(task, cancellationToken: TestContext.Current.CancellationToken)), "confirmed");
        var lost = heard && await ObtainableAsync(h, task) ? 0 : 1;
        return Counted(h, outcome, lost);
    }

    private static async Task<string> OutcomeAsync(Func<Task> operation, string success)
    {
        try
        {
            await operation();
            return success;
        }
        catch (KieException e)
        {
            return e.GetType().Name + ", task resumable";
        }
    }

    /// <summary>Whether the task's result can still be had: resumed from its token in a fresh client, no faults.</summary>
    private static async Task<bool> ObtainableAsync(Harness h, KieTask task)
    {
        using var fresh = h.NewClient();
        var result = await h.DriveAsync(fresh.WaitForCompletionAsync(fresh.GetTask(task.ToToken()), cancellationToken: TestContext.Current.CancellationToken));
        return result.Urls.Count > 0;
    }

    private static Row Counted(Harness h, string outcome, int lost) =>
        new("", "", outcome + (h.Server.PendingFaults > 0 ? " (the fault does not apply here)" : ""), lost, Math.Max(0, h.Server.Tasks.Count - 1));

    /// <summary>Puts the row into docs/reliability.md; returns the line the committed file had for this case.</summary>
    private static string? Record(Row row)
    {
        lock (FileGate)
        {
            var path = TablePath();
            var text = File.Exists(path) ? File.ReadAllText(path) : "";
            // Sections after the table ("## ..."), written by hand, are kept as they are.
            var tailAt = text.IndexOf("\n## ", StringComparison.Ordinal);
            var tail = tailAt < 0 ? "" : text[tailAt..];
            var rows = ReadRows(tailAt < 0 ? text : text[..tailAt]);
            var committed = rows.GetValueOrDefault((row.Fault, row.Operation));
            if (committed != row.Line)
            {
                rows[(row.Fault, row.Operation)] = row.Line;
                var order = CaseKeys().ToList();
                File.WriteAllText(path, Render(order.Where(rows.ContainsKey).Select(k => rows[k])) + tail);
            }

            return committed;
        }
    }

    private static string Render(IEnumerable<string> lines) =>
        "# Reliability under faults\n\n"
        + "Generated by `FaultMatrixTests` (tests/KieGen.Client.Tests); a test fails when this file differs from what the run produces.\n"
        + "Every fault the fake server injects, against every operation: **submit** (the fault hits the create call), **wait** (a status\n"
        + "read while waiting), **download** (a result file), **callback** (the completion callback arrives, and the fault hits the status\n"
        + "read that confirms it). *Lost tasks*: tasks whose result could not be had afterwards (resumed from the task's token in a fresh\n"
        + "client) or that exist at the server without the caller being told. *Duplicate paid tasks*: creates beyond the one asked for.\n\n"
        + Header + "\n|---|---|---|---|---|\n"
        + string.Concat(lines.Select(l => l + "\n"));

    private static Dictionary<(string, string), string> ReadRows(string text)
    {
        var rows = new Dictionary<(string, string), string>();
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l != Header))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            rows[(cells[1], cells[2])] = line;
        }

        return rows;
    }

    private static string TablePath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "KieGen.sln")))
        {
            folder = folder.Parent;
        }

        Assert.True(folder is not null, "the repository root (KieGen.sln) was not found above " + AppContext.BaseDirectory);
        return Path.Combine(folder!.FullName, "docs", "reliability.md");
    }

    private sealed record Row(string Fault, string Operation, string Outcome, int Lost, int Duplicates)
    {
        public string Line => string.Create(CultureInfo.InvariantCulture, $"| {Fault} | {Operation} | {Outcome} | {Lost} | {Duplicates} |");
    }

    /// <summary>A loopback endpoint that keeps the callback bodies it receives.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private Receiver(WebApplication app) => _app = app;

        public ConcurrentQueue<string> Bodies { get; } = new();

        public Uri Url => new(_app.Urls.First().TrimEnd('/') + "/kie/callbacks");

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.Run(async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                receiver.Bodies.Enqueue(await reader.ReadToEndAsync());
            });
            await app.StartAsync(TestContext.Current.CancellationToken);
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
