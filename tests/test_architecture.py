"""The house's layers: ``network`` <- ``communications`` <- ``governance``, ``preparation``.

A module may import from its own app and from the layers below it, never above; the apps of
the top layer do not import each other; and there is no import cycle between apps or inside
``communications``. The project package's URL configuration is the one place that knows
every app.
"""

import itertools

import grimp
import pytest

APPS = ("network", "communications", "governance", "preparation")
LAYER = {"network": 0, "communications": 1, "governance": 2, "preparation": 2}
#: The composition roots, allowed to import upwards: URL configuration and settings.
ROOTS = {"network.urls", "network.settings"}


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph(*APPS, include_external_packages=False)


def _app(module: str) -> str:
    return module.split(".", 1)[0]


def _imports_between(graph, importer: str, imported: str) -> list[tuple[str, str]]:
    found = graph.find_matching_direct_imports(
        import_expression=f"{importer}.** -> {imported}.**"
    ) + graph.find_matching_direct_imports(import_expression=f"{importer}.** -> {imported}")
    return sorted(
        {
            (i["importer"], i["imported"])
            for i in found
            if i["importer"] not in ROOTS and ".migrations." not in i["importer"]
        }
    )


@pytest.mark.parametrize(
    ("importer", "imported"),
    [(a, b) for a, b in itertools.permutations(APPS, 2) if LAYER[a] <= LAYER[b]],
)
def test_no_app_imports_an_app_of_its_own_layer_or_above(graph, importer, imported):
    assert _imports_between(graph, importer, imported) == []


def test_no_import_cycle_inside_communications(graph):
    modules = sorted(m for m in graph.modules if _app(m) == "communications")
    cycles = []
    for a, b in itertools.combinations(modules, 2):
        if graph.direct_import_exists(importer=a, imported=b) and graph.chain_exists(
            importer=b, imported=a
        ):
            cycles.append((a, b))
    assert cycles == []
