using System.Threading.Tasks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/KieGen.Benchmarks -- --filter '*'     (BenchmarkDotNet suites)
// dotnet run -c Release --project tests/KieGen.Benchmarks -- load            (client load runs against the fake server)
// dotnet run -c Release --project tests/KieGen.Benchmarks -- memory [tasks]  (a million tasks through the in-memory store, notifier and inbox)
// dotnet run -c Release --project tests/KieGen.Benchmarks -- size [folder]   (lines and bytes the generator emits for the catalog; the sources written to folder)
// dotnet run -c Release --project tests/KieGen.Benchmarks -- shared-limit <postgres> [tasks]  (throughput at Kie's 10 s window)
internal sealed partial class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await KieGen.Benchmarks.LoadBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "memory")
        {
            return await KieGen.Benchmarks.MemoryBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "shared-limit")
        {
            return await KieGen.Benchmarks.SharedLimitBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "size")
        {
            return KieGen.Benchmarks.GeneratedSizeReport.Run(args.Length > 1 ? args[1] : null);
        }

        BenchmarkSwitcher.FromAssembly(typeof(KieGen.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
        return 0;
    }
}
