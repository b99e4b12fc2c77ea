namespace Satchel.Testing.SimulatedFileSystem;

/// <summary>One entry of the simulated tree, with the Windows state that decides whether it can go.</summary>
internal sealed class SimNode(SimNodeKind kind, SimNode? parent)
{
    public SimNodeKind Kind { get; } = kind;

    public SimNode? Parent { get; set; } = parent;

    public string Name { get; set; } = string.Empty;

    /// <summary>Children by name, case-insensitive as on NTFS.</summary>
    public Dictionary<string, SimNode> Children { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Content { get; set; } = string.Empty;

    public string? LinkTarget { get; init; }

    public bool ReadOnly { get; set; }

    /// <summary>Deleted while handles with share-delete were open: still listed, gone when the last closes.</summary>
    public bool DeletePending { get; set; }

    public List<SimHandle> Handles { get; } = [];

    /// <summary>A writer racing the remover: runs after each listing of this directory.</summary>
    public Action<string>? OnList { get; set; }

    /// <summary>Calls left that a scanner answers with access denied.</summary>
    public int DeniesLeft { get; set; }

    /// <summary>A non-transient error every mutating call gets (a corrupt file, a failing disk).</summary>
    public int? PermanentError { get; set; }

    public IEnumerable<SimNode> SelfAndDescendants() =>
        Children.Values.SelectMany(child => child.SelfAndDescendants()).Prepend(this);
}
