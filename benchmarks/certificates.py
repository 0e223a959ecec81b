#!/usr/bin/env python3
"""Benchmark: renders N certificate PDFs (certificat de réalisation, each with its own code and
verification URL) with and without the QR code, and prints PDFs per second. Not a test: figures only.

    .venv/bin/python benchmarks/certificates.py [N]
"""

import datetime
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lms.certificates.documents import DocumentData, render_attestation, render_realisation  # noqa: E402


def document(index: int) -> DocumentData:
    code = f"BNCH-{index:04d}-ABCD-EFGH-IJKL"[:24]
    return DocumentData(
        code=code,
        verification_url=f"https://formations.epop.example/certificats/verifier/{code}/",
        trainee_name=f"Stagiaire Numéro {index}",
        course_title="Formation des intervenants-pairs",
        organisation_name="Formations Inclusives Rhône",
        organisation_address="12 rue de la République, 69002 Lyon",
        organisation_siret="81234567800019",
        organisation_nda="84691234569",
        signatory_name="Odile Perrin",
        signatory_title="Directrice",
        place="Lyon",
        start_date=datetime.date(2027, 1, 11),
        end_date=datetime.date(2027, 4, 2),
        hours=Decimal("31.5"),
        planned_hours=Decimal("35"),
        issued_on=datetime.date(2027, 4, 5),
        objectives=[(f"C{i}", "Prendre de la distance avec son vécu et le transmettre") for i in range(1, 16)],
        results=[(f"C{i}", "Prendre de la distance avec son vécu", "Acquis") for i in range(1, 16)],
    )


def rate(render, count: int, with_qr: bool) -> tuple[float, float]:
    """(PDFs per second of wall time, PDFs per second of this process's CPU time); the second is
    the fairer figure on a machine busy with other work."""
    documents = [document(i) for i in range(count)]
    render(documents[0], with_qr=with_qr)  # fonts registered, caches warm
    wall, cpu = time.perf_counter(), time.process_time()
    for data in documents:
        render(data, with_qr=with_qr)
    return count / (time.perf_counter() - wall), count / (time.process_time() - cpu)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"{count} PDF par mesure, {Path('/proc/cpuinfo').exists() and 'Linux' or sys.platform}")
    for name, render in (
        ("Certificat de réalisation", render_realisation),
        ("Attestation de fin de formation", render_attestation),
    ):
        (wall_qr, cpu_qr), (wall_plain, cpu_plain) = rate(render, count, True), rate(render, count, False)
        print(
            f"{name} : {cpu_qr:.0f} PDF/s avec QR, {cpu_plain:.0f} PDF/s sans QR par cœur de calcul "
            f"(temps réel : {wall_qr:.0f} et {wall_plain:.0f} PDF/s) ; "
            f"le QR coûte {100 * (1 - cpu_qr / cpu_plain):.0f} % du temps"
        )


if __name__ == "__main__":
    main()
