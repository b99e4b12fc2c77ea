using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Satchel.Testing.Architecture;

/// <summary>
/// Which namespaces of one compiled assembly use which, read from its metadata: base types,
/// interfaces, field types, method signatures and every type, method and field token in method
/// bodies (IL), so a use inside a lambda or a local counts as much as one in a signature. Only
/// types defined in the assembly itself are nodes; a nested or compiler-generated type belongs to
/// the namespace of its outermost declaring type. Reading the compiled assembly, not the sources,
/// means `using` lines, fully qualified names and same-named types cannot fool it.
/// </summary>
public sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    /// <summary>Namespace → the namespaces it uses → examples ("Type → Type").</summary>
    public IReadOnlyDictionary<string, Dictionary<string, SortedSet<string>>> Edges => _edges;

    public static NamespaceGraph Of(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var graph = new NamespaceGraph();
        var provider = new TypeCollector(reader);
        foreach (var handle in reader.TypeDefinitions)
        {
            var from = NamespaceOf(reader, handle);
            var fromName = NameOf(reader, handle);
            var used = new HashSet<TypeDefinitionHandle>();
            var type = reader.GetTypeDefinition(handle);
            AddType(reader, provider, type.BaseType, used);
            foreach (var i in type.GetInterfaceImplementations())
            {
                AddType(reader, provider, reader.GetInterfaceImplementation(i).Interface, used);
            }

            foreach (var f in type.GetFields())
            {
                used.UnionWith(reader.GetFieldDefinition(f).DecodeSignature(provider, null));
            }

            foreach (var m in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(m);
                var signature = method.DecodeSignature(provider, null);
                used.UnionWith(signature.ReturnType);
                foreach (var p in signature.ParameterTypes)
                {
                    used.UnionWith(p);
                }

                if (method.RelativeVirtualAddress != 0)
                {
                    AddBody(reader, provider, pe.GetMethodBody(method.RelativeVirtualAddress), used);
                }
            }

            foreach (var target in used)
            {
                var to = NamespaceOf(reader, target);
                if (to != from)
                {
                    graph.Add(from, to, $"{fromName} → {NameOf(reader, target)}");
                }
            }
        }

        return graph;
    }

    /// <summary>Every strongly connected group of two or more namespaces (a cycle), each sorted.</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges.GetValueOrDefault(v)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w) && index.TryGetValue(w, out var wIndex))
                {
                    low[v] = Math.Min(low[v], wIndex);
                }
            }

            if (low[v] == index[v])
            {
                var group = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    group.Add(w);
                }
                while (w != v);

                if (group.Count > 1)
                {
                    group.Sort(StringComparer.Ordinal);
                    result.Add(group);
                }
            }
        }

        foreach (var v in _edges.Keys.Order(StringComparer.Ordinal).ToList())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return result;
    }

    /// <summary>The uses between the namespaces of one cycle, with an example each: what to move to break it.</summary>
    public string Describe(IReadOnlyCollection<string> cycle)
    {
        var lines = new List<string>();
        foreach (var from in cycle)
        {
            foreach (var (to, examples) in _edges.GetValueOrDefault(from) ?? [])
            {
                if (cycle.Contains(to))
                {
                    lines.Add($"  {from} -> {to}: {string.Join(", ", examples.Take(4))}");
                }
            }
        }

        return string.Join('\n', lines);
    }

    private void Add(string from, string to, string example)
    {
        if (!_edges.TryGetValue(from, out var targets))
        {
            _edges[from] = targets = new(StringComparer.Ordinal);
        }

        if (!targets.TryGetValue(to, out var examples))
        {
            targets[to] = examples = new(StringComparer.Ordinal);
        }

        examples.Add(example);
    }

    private static void AddBody(MetadataReader reader, TypeCollector provider, MethodBodyBlock body, HashSet<TypeDefinitionHandle> used)
    {
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null))
            {
                used.UnionWith(local);
            }
        }

        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    il.Offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    // Read the count first: `il.Offset += 4 * il.ReadInt32()` would take the offset from before the read.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    AddToken(reader, provider, MetadataTokens.EntityHandle(il.ReadInt32()), used);
                    break;
                default:
                    // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR: four bytes, no type.
                    il.Offset += 4;
                    break;
            }
        }
    }

    private static void AddToken(MetadataReader reader, TypeCollector provider, EntityHandle handle, HashSet<TypeDefinitionHandle> used)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
            case HandleKind.TypeReference:
            case HandleKind.TypeSpecification:
                AddType(reader, provider, handle, used);
                break;
            case HandleKind.MethodDefinition:
                used.Add(reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.FieldDefinition:
                used.Add(reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType());
                break;
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)handle);
                AddToken(reader, provider, member.Parent, used);
                if (member.GetKind() == MemberReferenceKind.Method)
                {
                    var signature = member.DecodeMethodSignature(provider, null);
                    used.UnionWith(signature.ReturnType);
                    foreach (var p in signature.ParameterTypes)
                    {
                        used.UnionWith(p);
                    }
                }
                else
                {
                    used.UnionWith(member.DecodeFieldSignature(provider, null));
                }

                break;
            case HandleKind.MethodSpecification:
                var spec = reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddToken(reader, provider, spec.Method, used);
                foreach (var argument in spec.DecodeSignature(provider, null))
                {
                    used.UnionWith(argument);
                }

                break;
        }
    }

    private static void AddType(MetadataReader reader, TypeCollector provider, EntityHandle handle, HashSet<TypeDefinitionHandle> used)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                used.Add((TypeDefinitionHandle)handle);
                break;
            case HandleKind.TypeSpecification:
                used.UnionWith(reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(provider, null));
                break;
        }
    }

    private static TypeDefinitionHandle Outermost(MetadataReader reader, TypeDefinitionHandle handle)
    {
        while (true)
        {
            var declaring = reader.GetTypeDefinition(handle).GetDeclaringType();
            if (declaring.IsNil)
            {
                return handle;
            }

            handle = declaring;
        }
    }

    private static string NamespaceOf(MetadataReader reader, TypeDefinitionHandle handle) =>
        reader.GetString(reader.GetTypeDefinition(Outermost(reader, handle)).Namespace);

    private static string NameOf(MetadataReader reader, TypeDefinitionHandle handle) =>
        reader.GetString(reader.GetTypeDefinition(Outermost(reader, handle)).Name);

    /// <summary>Decodes a signature into the assembly's own types it mentions (generic arguments included).</summary>
    private sealed class TypeCollector(MetadataReader reader) : ISignatureTypeProvider<ImmutableArray<TypeDefinitionHandle>, object?>
    {
        private static readonly ImmutableArray<TypeDefinitionHandle> None = [];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => [handle];

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => None;

        public ImmutableArray<TypeDefinitionHandle> GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);

        public ImmutableArray<TypeDefinitionHandle> GetGenericInstantiation(ImmutableArray<TypeDefinitionHandle> genericType, ImmutableArray<ImmutableArray<TypeDefinitionHandle>> typeArguments) =>
            typeArguments.Aggregate(genericType, (all, argument) => all.AddRange(argument));

        public ImmutableArray<TypeDefinitionHandle> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeDefinitionHandle>> signature) =>
            signature.ParameterTypes.Aggregate(signature.ReturnType, (all, p) => all.AddRange(p));

        public ImmutableArray<TypeDefinitionHandle> GetArrayType(ImmutableArray<TypeDefinitionHandle> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetByReferenceType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPointerType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetPinnedType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetSZArrayType(ImmutableArray<TypeDefinitionHandle> elementType) => elementType;

        public ImmutableArray<TypeDefinitionHandle> GetModifiedType(ImmutableArray<TypeDefinitionHandle> modifier, ImmutableArray<TypeDefinitionHandle> unmodifiedType, bool isRequired) => unmodifiedType;

        public ImmutableArray<TypeDefinitionHandle> GetGenericMethodParameter(object? genericContext, int index) => None;

        public ImmutableArray<TypeDefinitionHandle> GetGenericTypeParameter(object? genericContext, int index) => None;

        public ImmutableArray<TypeDefinitionHandle> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
    }
}
