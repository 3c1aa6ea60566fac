namespace BrandForum.EventStore;

/// <summary>The two engines the log runs on. Both pass the same contract tests.</summary>
public enum StorageEngine
{
    Sqlite,
    Postgres,
}
