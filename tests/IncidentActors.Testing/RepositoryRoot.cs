namespace IncidentActors.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding IncidentActors.sln, found by walking up from the test binaries.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentActors.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("IncidentActors.sln not found above " + AppContext.BaseDirectory);
    }
}
