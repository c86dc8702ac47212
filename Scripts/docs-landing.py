#!/usr/bin/env python3
"""Rewrites the landing page of the merged DocC archive (called by Scripts/docs.sh).

`docc merge` synthesizes a landing page that lists the modules alphabetically, with nothing to
say where to begin. This one opens with a sentence that links Getting started, the policy guide
and the hit-ratio evidence, then groups its links: Start here (the umbrella module and Getting
started), Guides, then the other modules in dependency order.

Usage: docs-landing.py ARCHIVE MODULE...   (the modules in dependency order)
"""
import json
import sys

archive, modules = sys.argv[1], sys.argv[2:]
landing_path = f"{archive}/data/documentation.json"
page = json.load(open(landing_path))
references = page["references"]

HIT_RATIOS = "https://github.com/swift-caching/swift-caching/blob/main/Docs/HIT-RATIOS.md"
GUIDES = [
    "cachepolicies/choosingapolicy",
    "cachepolicies/timetoliveandclocks",
    "cachepolicies/loadingvalues",
    "memoization/memoizingfunctions",
    "caching/registryplugin",
    "caching/layeringandredis",
]


def article(path):
    """The identifier of the article at data/documentation/PATH.json, added to the references."""
    try:
        data = json.load(open(f"{archive}/data/documentation/{path}.json"))
    except FileNotFoundError:
        sys.exit(f"docs-landing.py: no article {path} in {archive}; update GUIDES")
    identifier = data["identifier"]["url"]
    references[identifier] = {
        "type": "topic",
        "kind": "article",
        "role": "article",
        "identifier": identifier,
        "title": data["metadata"]["title"],
        "url": f"/documentation/{path}",
        "abstract": data.get("abstract", []),
    }
    return identifier


def module(name):
    identifier = f"doc://swift-caching.{name}/documentation/{name}"
    if identifier not in references:
        sys.exit(f"docs-landing.py: the merged archive has no module {name}")
    return identifier


def text(value):
    return {"type": "text", "text": value}


def link(identifier):
    return {"type": "reference", "identifier": identifier, "isActive": True}


getting_started = article("caching/gettingstarted")
guides = [article(path) for path in GUIDES]
references[HIT_RATIOS] = {
    "type": "link",
    "identifier": HIT_RATIOS,
    "title": "the hit ratios on real traces",
    "titleInlineContent": [text("the hit ratios on real traces")],
    "url": HIT_RATIOS,
}
page["abstract"] = [
    text("Thread-safe in-memory caches for server and command-line Swift. Start with "),
    link(getting_started),
    text(", then pick an eviction policy with "),
    link(guides[0]),
    text(" and "),
    link(HIT_RATIOS),
    text("."),
]
page["topicSections"] = [
    {"title": "Start here", "identifiers": [module("Caching"), getting_started]},
    {"title": "Guides", "identifiers": guides},
    {"title": "Modules", "identifiers": [module(name) for name in modules if name != "Caching"]},
]
json.dump(page, open(landing_path, "w"))
