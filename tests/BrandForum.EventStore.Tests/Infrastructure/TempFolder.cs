namespace BrandForum.Testing;

/// <summary>Deleting a test's temp folder, best effort.</summary>
public static class TempFolder
{
    /// <summary>
    /// Deletes the folder, trying again for a moment when a file appears while it is emptied (a stopping server's last
    /// SQLite write re-creating its journal). A folder that still will not go is left: it is under the run's own temp
    /// folder, which test.sh deletes at the end, and a clean-up must never fail a test.
    /// </summary>
    public static void Delete(string folder)
    {
        for (var attempt = 1; Directory.Exists(folder); attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                Thread.Sleep(100);
            }
            catch (IOException)
            {
                return;
            }
        }
    }
}
