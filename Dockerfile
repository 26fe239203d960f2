FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY domain ./domain
COPY projections ./projections
COPY adapters ./adapters
COPY api ./api
RUN pip install --no-cache-dir .
ENV QBSYNC_DATA_DIR=/var/lib/qbsync
VOLUME ["/var/lib/qbsync"]
EXPOSE 8000
CMD ["qbsync", "serve", "--host", "0.0.0.0", "--port", "8000"]
