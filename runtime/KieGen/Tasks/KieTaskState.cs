namespace KieGen.Tasks;

/// <summary>One state for every family's status vocabulary.</summary>
public enum KieTaskState
{
    /// <summary>Accepted, waiting or queued.</summary>
    Pending,

    /// <summary>Generating (Suno: also text or first track ready).</summary>
    Running,

    /// <summary>Finished with results.</summary>
    Succeeded,

    /// <summary>Finished in failure.</summary>
    Failed,
}
