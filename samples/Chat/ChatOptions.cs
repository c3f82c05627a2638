using System;
using System.Collections.Generic;
using System.Globalization;

namespace Chat;

/// <summary>The command line of the chat sample.</summary>
public sealed record ChatOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project samples/Chat -- [options]

          --duration <seconds>     how long to run (default 20)
          --users <count>          connected users, one session process each (default 5000)
          --rooms <count>          chat rooms, one process each (default 100)
          --rooms-per-user <count> rooms each user joins (default 2)
          --rate <posts/second>    how many messages the load generator posts (default 2000)
          --crash-every <ms>       inject a crash this often; every tenth one hits a room (default 200)
          --no-chaos               no crash injection
          --verbose                show Arbor's crash and supervisor reports (thousands of lines)
          --dashboard <port>       serve the live dashboard at http://127.0.0.1:<port>/arbor/ while it runs
          --help                   this text
        """;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    public int Users { get; init; } = 5000;

    public int Rooms { get; init; } = 100;

    public int RoomsPerUser { get; init; } = 2;

    public int PostsPerSecond { get; init; } = 2000;

    public TimeSpan CrashEvery { get; init; } = TimeSpan.FromMilliseconds(200);

    public bool Chaos { get; init; } = true;

    public bool Verbose { get; init; }

    /// <summary>The loopback port the live dashboard is served on, or null for no dashboard.</summary>
    public int? DashboardPort { get; init; }

    public bool Help { get; init; }

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public static ChatOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ChatOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(args, ref i)) },
                "--users" => options with { Users = Positive(args, ref i) },
                "--rooms" => options with { Rooms = Positive(args, ref i) },
                "--rooms-per-user" => options with { RoomsPerUser = Positive(args, ref i) },
                "--rate" => options with { PostsPerSecond = Positive(args, ref i) },
                "--crash-every" => options with { CrashEvery = TimeSpan.FromMilliseconds(Positive(args, ref i)) },
                "--no-chaos" => options with { Chaos = false },
                "--verbose" => options with { Verbose = true },
                "--dashboard" => options with { DashboardPort = Positive(args, ref i) },
                "--help" or "-h" => options with { Help = true },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'."),
            };
        }

        if (options.RoomsPerUser > options.Rooms)
        {
            throw new ArgumentException($"--rooms-per-user ({options.RoomsPerUser}) cannot exceed --rooms ({options.Rooms}).");
        }

        return options;
    }

    /// <summary>The rooms user <paramref name="user"/> joins: distinct, spread evenly over all rooms.</summary>
    public IReadOnlyList<string> RoomsOf(int user)
    {
        var rooms = new string[RoomsPerUser];
        for (var k = 0; k < rooms.Length; k++)
        {
            rooms[k] = Names.Room((user + k * (Rooms / RoomsPerUser)) % Rooms);
        }

        return rooms;
    }

    private static int Positive(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (++i >= args.Count)
        {
            throw new ArgumentException($"{name} needs a value.");
        }

        return int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive whole number, not '{args[i]}'.");
    }
}
