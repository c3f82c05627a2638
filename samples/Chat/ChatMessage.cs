namespace Chat;

/// <summary>A line posted to a room. Immutable: the same instance is delivered to every member's process.</summary>
public sealed record ChatMessage(string From, string Room, string Text);
