namespace Chat;

/// <summary>Registered names: sessions and rooms are found by name, so a restarted process is found again.</summary>
public static class Names
{
    public const string Rooms = "chat.rooms";
    public const string Sessions = "chat.sessions";

    public static string Room(int index) => $"room-{index}";

    public static string Session(int index) => $"user-{index}";
}
