using System;
using System.IO;
using System.Security.Cryptography;

namespace Arbor.Distribution.Nodes;

/// <summary>
/// The cookie a node uses when none is configured: <c>~/.erlang.cookie</c>, as <c>erl</c> does. When the file does not
/// exist it is created with a random cookie readable by the owner only (also as <c>erl</c> does).
/// </summary>
internal static class CookieFile
{
    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".erlang.cookie");

    public static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var cookie = File.ReadAllText(path).Trim();
            if (cookie.Length == 0)
            {
                throw new InvalidOperationException($"The cookie file '{path}' is empty; set ArborNodeOptions.Cookie or write a cookie into the file.");
            }

            return cookie;
        }

        var created = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(created);
        }

        return created;
    }
}
