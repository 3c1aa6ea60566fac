namespace BrandForum.EventStore;

/// <summary>Whether a write transaction's commit waits for the disk (see <see cref="SqlEventStore.BeginWriteAsync(Durability, CancellationToken)"/>).</summary>
public enum Durability
{
    /// <summary>The commit returns once it is on disk: the log, and anything that cannot be derived again.</summary>
    Flushed,

    /// <summary>
    /// The commit returns before its flush: only for data derived from the log, kept with the checkpoint that
    /// says how far it got. Each projection batch paid a flush before (on SQLite, holding the one writer meanwhile).
    /// </summary>
    Derived,
}
