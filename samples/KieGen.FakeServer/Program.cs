// The fake Kie server as a console program: point any Kie client (curl, another language, your app) at it.
//   dotnet run --project samples/KieGen.FakeServer -- --port 5080 --key my-key --hmac-key secret --validate [--realistic]
using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using KieGen.Models;
using KieGen.Testing;

var options = new FakeKieOptions();
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--port":
            options.Port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--upload-port":
            options.UploadPort = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--key":
            options.ApiKeys.Clear();
            options.ApiKeys[Next()] = 1000m;
            break;
        case "--hmac-key":
            options.WebhookHmacKey = Next();
            break;
        case "--validate":
            options.Catalog = KieGenCatalog.Models;
            break;
        case "--realistic":
            options.Timing = FakeKieTiming.Realistic;
            break;
        case "--help" or "-h":
            Console.WriteLine("Options: --port N  --upload-port N  --key KEY  --hmac-key KEY  --validate (check bodies against the catalog)  --realistic (tasks take as long as at Kie: a video 3 min)");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'; see --help.");
            return 2;
    }
}

// Ctrl+C (SIGINT) and SIGTERM (containers, systemd, CI time-outs) both end the program cleanly with exit code 0.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

await using var kie = await FakeKieServer.StartAsync(options);
Console.WriteLine($"Fake Kie API:     {kie.BaseAddress}");
Console.WriteLine($"Fake Kie uploads: {kie.UploadBaseAddress}");
Console.WriteLine($"API keys:         {string.Join(", ", options.ApiKeys.Keys)}");
Console.WriteLine($"Body validation:  {(options.Catalog is null ? "off (--validate to check bodies against the catalog)" : $"{options.Catalog.Count} catalog models")}");
Console.WriteLine($"Task timing:      {(options.Timing == FakeKieTiming.Realistic ? "Kie's pace (a video takes 3 min)" : "fast (any task done in 0.1 s; --realistic for Kie's pace)")}");
Console.WriteLine("Ctrl+C or SIGTERM stops.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine($"Stopped after {kie.Requests.Count} requests and {kie.Tasks.Count} tasks.");
}

return 0;
