# Checks an app's entry without running any of the app's code (docs: README, `satchel build`,
# "Entry"). Prints one JSON object. argv[1] is the mode:
#   names FILE NAME   compile FILE and say whether NAME is bound at module level: by def, class,
#                     an assignment or for/with/except/walrus target, or an import; also whether
#                     the module defines __getattr__ or has a star import (then nobody can tell).
#   compile FILE      compile FILE (a --script, the module -m runs): {"error": "..."} when it does not compile.
#   stdlib MODULE     locate MODULE among this interpreter's own modules (run with -I -S, so
#                     sys.path is the standard library) with PathFinder, importing nothing.
import ast
import json
import sys


def out(**fields):
    sys.stdout.write(json.dumps(fields))
    sys.exit(0)


def compiled(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        tree = compile(source, path, "exec", ast.PyCF_ONLY_AST, dont_inherit=True)
        compile(tree, path, "exec", dont_inherit=True)
    except SyntaxError as e:
        out(error="%s (line %s)" % (e.msg, e.lineno))
    except ValueError as e:
        out(error=str(e))
    return tree


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
          ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def bound_names(tree):
    names, star = set(), False
    stack = [tree]
    while stack:
        node = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(child.name)
                continue
            if isinstance(child, SCOPES):
                continue
            if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
                names.add(child.id)
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    names.add(alias.asname or alias.name.split(".")[0])
            elif isinstance(child, ast.ImportFrom):
                for alias in child.names:
                    if alias.name == "*":
                        star = True
                    else:
                        names.add(alias.asname or alias.name)
            elif isinstance(child, ast.ExceptHandler) and child.name:
                names.add(child.name)
            else:
                for field in ("name", "rest"):
                    value = getattr(child, field, None)
                    if type(child).__name__.startswith("Match") and isinstance(value, str):
                        names.add(value)
            stack.append(child)
    return names, star


def locate_stdlib(module):
    import importlib.machinery as machinery
    parts = module.split(".")
    if parts[0] in sys.builtin_module_names and len(parts) == 1:
        out(found=True, kind="builtin", origin=None)
    path, spec = None, None
    for i in range(len(parts)):
        name = ".".join(parts[: i + 1])
        spec = machinery.PathFinder.find_spec(name, path)
        if spec is None and i == 0:
            spec = machinery.FrozenImporter.find_spec(name)
        if spec is None:
            out(found=False)
        path = spec.submodule_search_locations
        if i < len(parts) - 1 and path is None:
            out(found=False, notPackage=name)
    package = spec.submodule_search_locations is not None
    origin = spec.origin if spec.has_location else None
    out(found=True, kind="package" if package else "module", origin=origin)


mode = sys.argv[1]
if mode == "names":
    names, star = bound_names(compiled(sys.argv[2]))
    out(bound=sys.argv[3] in names, getattr="__getattr__" in names, star=star)
elif mode == "compile":
    compiled(sys.argv[2])
    out()
elif mode == "stdlib":
    locate_stdlib(sys.argv[2])
else:
    sys.stderr.write("unknown mode %s\n" % mode)
    sys.exit(2)
