#!/usr/bin/env python3
"""Fails when the shared library exports a symbol that is not part of the public API.

Reads the dynamic symbol table (nm -D --defined-only) of libdotlabel.so and rejects every
exported symbol that is neither a function of the C API (dotlabel_*, declared in
include/dotlabel/dotlabel.h) nor inside the dotlabel namespace (std::, nlohmann::, pugi::, httplib::
template instantiations, C helpers), inside one of the modules' internal namespaces or
classes, or whose qualified name uses a name no public header (include/dotlabel/) declares.
Prints how many symbols the library exports.
"""
import pathlib
import re
import subprocess
import sys

# A symbol of the dotlabel namespace, mangled: a nested name (N, with cv/ref qualifiers for
# member functions) whose first component is "dotlabel", or the vtable, typeinfo or typeinfo
# name (TV, TI, TS) of such a class.
DOTLABEL = re.compile(r"^_Z(?:T[VIS])?N[KVRO]*8dotlabel")
# Internal namespaces and classes of the modules, and the private implementations of public
# classes: none of them is in a public header.
INTERNAL = re.compile(
    r"\bdotlabel::(?:\w+::)*(?:render|utf8|detail|cli)::"
    r"|\bdotlabel::(?:\w+::)*(?:Context|Attributes|SourceMap|GlyphCoverage|Impl)\b")




def public_names(include_dir):
    """Every identifier of the public headers, comments left out."""
    names = set()
    for header in [*pathlib.Path(include_dir).rglob("*.hpp"),
                   *pathlib.Path(include_dir).rglob("*.h")]:
        code = re.sub(r"//.*", "", header.read_text(encoding="utf-8"))
        names.update(re.findall(r"[A-Za-z_]\w*", code))
    return names


def qualified_name(demangled):
    """dotlabel::ns::Class::member of a demangled symbol: no parameters, template arguments,
    ABI tags, return type or "vtable for"-style prefix."""
    name = re.sub(r"^(?:vtable|typeinfo|typeinfo name|guard variable) for ", "", demangled)
    depth, cut = 0, len(name)
    for i, c in enumerate(name):  # drop template arguments and stop at the parameter list
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        elif c == "(" and depth == 0:
            cut = i
            break
    flat, depth = "", 0
    for c in name[:cut]:
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        elif depth == 0:
            flat += c
    flat = re.sub(r"\[abi:\w+\]", "", flat)
    return flat[flat.find("dotlabel::"):] if "dotlabel::" in flat else flat


def unknown_component(name, public):
    """The first component of `name` that no public header declares, or None."""
    for part in name.split("::"):
        part = part.lstrip("~")
        if part.startswith("operator") or part in ("dotlabel", ""):
            continue
        if part not in public:
            return part
    return None


def exported(library):
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    mangled = [line.split()[-1] for line in out.splitlines() if line.strip()]
    demangled = subprocess.run(["c++filt"], input="\n".join(mangled), check=True,
                               capture_output=True, text=True).stdout.splitlines()
    return list(zip(mangled, demangled))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_exports.py LIBRARY INCLUDE_DIR")
    symbols = exported(sys.argv[1])
    public = public_names(sys.argv[2])
    # The C API (include/dotlabel/dotlabel.h): plain dotlabel_* names its header declares.
    c_api = [(m, d) for m, d in symbols if m.startswith("dotlabel_") and m in public]
    bad = [(m, d) for m, d in symbols if (m, d) not in c_api and (
        not DOTLABEL.match(m) or INTERNAL.search(d)
        or unknown_component(qualified_name(d), public))]
    print(f"{sys.argv[1]}: {len(symbols)} exported symbols ({len(c_api)} of the C API), "
          f"{len(bad)} not public API")
    for mangled, name in bad:
        print(f"  not public: {name}  [{mangled}]")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
