using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using KieGen.Client;
using KieGen.PostgreSql.TestInstance;

// One instance as a separate OS process, driven through stdin/stdout lines:
//   submit <name> <connection> <kie> <key> <count> <limit> <windowMs>: prints "ready", waits for "go", submits <count>
//     tasks at once, prints "submitted <n>" and "failed <n>", exits.
//   read <name> <connection> <kie> <key> <count> <statusLimit> <shared|local> <token>: prints "ready", waits for "go",
//     reads the task's status <count> times at once, prints "read <n>" and "refused <n>" (answered 429), exits.
//   host <name> <connection> <kie> <key> <port> <leaseMs> <block|run>: prints "ready"; "submit" submits one task and
//     prints "submitted <taskId>"; prints "handling <taskId>" when a handler starts; "exit" ends it.
var mode = args[0];
var settings = new InstanceSettings(args[1], args[2], new Uri(args[3]), args[4], mode == "host" ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0);
if (mode == "submit")
{
    settings = settings with { CreateLimit = int.Parse(args[6], CultureInfo.InvariantCulture), CreateWindow = TimeSpan.FromMilliseconds(int.Parse(args[7], CultureInfo.InvariantCulture)) };
    await using var instance = await AppInstance.StartAsync(settings);
    Console.WriteLine("ready");
    if (Console.ReadLine() != "go")
    {
        return 2;
    }

    var count = int.Parse(args[5], CultureInfo.InvariantCulture);
    var results = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
    {
        try
        {
            await instance.Client.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" });
            return true;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e.Message);
            return false;
        }
    }));
    Console.WriteLine("submitted " + results.Count(r => r));
    Console.WriteLine("failed " + results.Count(r => !r));
    return 0;
}

if (mode == "read")
{
    settings = settings with { StatusLimitPerSecond = int.Parse(args[6], CultureInfo.InvariantCulture), Shared = args[7] == "shared" };
    await using var instance = await AppInstance.StartAsync(settings);
    var task = instance.Client.GetTask(args[8]);
    Console.WriteLine("ready");
    if (Console.ReadLine() != "go")
    {
        return 2;
    }

    var reads = await Task.WhenAll(Enumerable.Range(0, int.Parse(args[5], CultureInfo.InvariantCulture)).Select(async _ =>
    {
        try
        {
            await instance.Client.GetStatusAsync(task);
            return true;
        }
        catch (KieRateLimitedException)
        {
            return false;
        }
    }));
    Console.WriteLine("read " + reads.Count(r => r));
    Console.WriteLine("refused " + reads.Count(r => !r));
    return 0;
}

settings = settings with { ClaimLease = TimeSpan.FromMilliseconds(int.Parse(args[6], CultureInfo.InvariantCulture)), HandlerBlocks = args[7] == "block" };
await using (var host = await AppInstance.StartAsync(settings))
{
    host.Handling += taskId => Console.WriteLine("handling " + taskId);
    Console.WriteLine("ready");
    while (Console.ReadLine() is { } line && line != "exit")
    {
        if (line == "submit")
        {
            var task = await host.Client.SubmitAsync(new KieGen.Models.Image.NanoBanana2Request { Prompt = "a cat" });
            Console.WriteLine("submitted " + task.TaskId);
        }
    }
}

return 0;
