"""Knowledge cards and their search: loader, embedders, Chroma store, BM25, hybrid retriever, indexer."""

import os

# Set before anything imports onnxruntime or chromadb: onnxruntime otherwise does telemetry DNS look-ups
# and chromadb's anonymous telemetry would try to reach the network. Users can still override both.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
