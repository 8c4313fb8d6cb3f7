namespace IncidentActors.Cli.Api;

/// <summary>
/// The caller's bearer token between commands: <c>$XDG_CONFIG_HOME/incidentactors/token</c> (the user's
/// configuration folder when unset), readable by its owner only.
/// </summary>
internal sealed class TokenStore(CliEnvironment environment)
{
    public string Path => System.IO.Path.Combine(
        environment.Setting("XDG_CONFIG_HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData),
        "incidentactors", "token");

    public string? Load() => File.Exists(Path) && File.ReadAllText(Path).Trim() is { Length: > 0 } token ? token : null;

    /// <summary>Writes a new file of mode 0600 and moves it over the old one, so the token is never readable by others.</summary>
    public void Save(string token)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var written = System.IO.Path.Combine(folder, $".token-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(written, token);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            using var file = new FileStream(written, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(file);
            writer.Write(token);
        }
        File.Move(written, Path, overwrite: true);
    }
}
