"""The benchmark table."""

from __future__ import annotations


def _row(name: str, value: str, note: str = "") -> str:
    return f"| {name:<44} | {value:>18} | {note} |"


def print_table(out: dict) -> None:
    m = out["machine"]
    print("(CPU stall: share of the time some task waited for a CPU, /proc/pressure/cpu; "
          "other load on the machine shows there)")
    print(f"\nmachine: {m['cpus']} CPUs ({m['cpu']}), {m['mem_gb']} GB, Python {m['python']}")
    if "reference" in out:
        print(f"corpus: {out['pages']} pages in {out['feeds']} feeds, from {out['corpus']}\n")
        print(_row("measure", "figure", "ratio / note"))
        print(_row("-" * 44, "-" * 18, "---"))
        ref = out["reference"]["rate"]
        print(_row("reference: plain loop (extract+lang+enrich+store)", f"{ref:.1f} pages/s",
                   f"{out['reference']['cpu_ms_per_page']:.0f} CPU ms/page, "
                   f"{out['reference']['pages']} pages; CPU stall "
                   f"{out['reference'].get('cpu_stall', 0):.0%}"))
        print(_row("trafilatura extraction alone", f"{out['extraction_only']['rate']:.1f} pages/s"))
        print(_row("enrichment alone (enrich.analyze)",
                   f"{out['enrichment_only']['rate']:.0f} articles/s"))
        for label in ("sqlite", "postgres"):
            first, second = out.get(f"crawl_{label}"), out.get(f"second_{label}")
            if first is None:
                continue
            print(_row(f"newsmon crawl end to end -> {label}", f"{first['rate']:.1f} pages/s",
                       f"{first['rate'] / ref:.2f}x reference; {first['wall_s']:.1f} s, "
                       f"{first['cpu_cores']:.2f} cores, "
                       f"peak memory {first.get('peak_pss_mb', 0):.0f} MB "
                       f"PSS ({first['peak_rss_mb']:.0f} MB summed RSS), "
                       f"CPU stall {first.get('cpu_stall', 0):.0%}"))
            print(_row(f"second crawl -> {label}", f"{second['wall_s']:.2f} s",
                       f"{second['wall_ratio']:.1%} of first's time; {second['requests']} "
                       f"requests ({second['article_requests']} articles), "
                       f"{second['request_ratio']:.1%} of first's"))
        lang = out["langdetect"]
        print(_row("langdetect: prefix vs full text", f"{lang['agreement']:.1%} same",
                   f"{lang['pages']} real pages; {lang['ms_prefix']:.1f} ms vs "
                   f"{lang['ms_full']:.1f} ms"))
    for backend, rows in (out.get("queries") or {}).items():
        print(f"\nqueries on {rows['articles']} articles, {rows['deals']} deals ({backend}):")
        for name, ms in rows["timings_ms"].items():
            print(_row(name, f"{ms:.1f} ms", rows["plans"].get(name, "")))
