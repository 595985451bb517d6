"""app: query analysis, answering with citations, the ReportQA pipeline, CLI, REST API and UI."""
from app.pipeline import Answer, Citation, ReportQA
from app.query import QueryAnalysis, analyze_query

__all__ = ["ReportQA", "Answer", "Citation", "analyze_query", "QueryAnalysis"]
