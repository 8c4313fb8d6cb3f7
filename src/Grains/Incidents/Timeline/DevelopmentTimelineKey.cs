using System.Security.Cryptography;

namespace IncidentActors.Incidents;

/// <summary>
/// The timeline key of development runs: generated on first use and kept in the user's local application data, so that
/// every silo started on the machine signs with the same key and a restarted one verifies what was signed before.
/// </summary>
internal static class DevelopmentTimelineKey
{
    public static string DefaultPath { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "IncidentActors", "development-timeline-key");

    public static string LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Written aside and moved into place, so that a silo starting at the same moment reads a whole key or writes its own.
            var candidate = $"{path}.{Guid.NewGuid():N}";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using (var writer = new StreamWriter(candidate, options))
            {
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(TimelineSigningOptions.MinimumKeyBytes)));
            }
            try
            {
                File.Move(candidate, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another silo kept its key first; every silo must sign with that one.
                File.Delete(candidate);
            }
        }
        return File.ReadAllText(path).Trim();
    }
}
