using System;
using System.Threading.Tasks;
using Arbor;

namespace Chat;

/// <summary>The supervision tree of the chat service, and filling it with rooms and sessions.</summary>
public static class ChatService
{
    /// <summary>
    /// The root's children: a dynamic supervisor for rooms and one for sessions. Each restarts its children
    /// one-for-one; the intensity is generous because this sample crashes things on purpose.
    /// </summary>
    public static ChildSpec[] Supervisors() =>
    [
        DynamicSupervisor.ChildSpec("rooms", new DynamicSupervisorOptions { Name = Names.Rooms, MaxRestarts = 100, Within = TimeSpan.FromSeconds(1) }),
        DynamicSupervisor.ChildSpec("sessions", new DynamicSupervisorOptions { Name = Names.Sessions, MaxRestarts = 1000, Within = TimeSpan.FromSeconds(1) }),
    ];

    /// <summary>Starts every room, then every user's session, each under its dynamic supervisor.</summary>
    public static async Task PopulateAsync(ArborNode node, ChatOptions options, ChatMetrics metrics)
    {
        var rooms = node.Whereis<DynamicSupervisorRef>(Names.Rooms);
        for (var i = 0; i < options.Rooms; i++)
        {
            var name = Names.Room(i);
            (await rooms.StartChildAsync(Room.ChildSpec(name, metrics, name: name))).EnsureStarted(name);
        }

        var sessions = node.Whereis<DynamicSupervisorRef>(Names.Sessions);
        for (var i = 0; i < options.Users; i++)
        {
            var name = Names.Session(i);
            (await sessions.StartChildAsync(Session.ChildSpec(name, options.RoomsOf(i), metrics, name: name))).EnsureStarted(name);
        }
    }
}
