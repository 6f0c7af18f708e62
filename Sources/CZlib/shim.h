// zlib from the system (Debian: zlib1g-dev), used for gzip in Kafka batches and Parquet pages.
#include <zlib.h>
