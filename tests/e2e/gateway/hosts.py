"""HostQuery answers as the Web Connector passes them in strHCPResponse."""

from __future__ import annotations


def host_query_answer(product: str, country: str, versions: list[str]) -> str:
    supported = "".join(f"<SupportedQBXMLVersion>{v}</SupportedQBXMLVersion>" for v in versions)
    return (
        '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>'
        '<HostQueryRs requestID="0" statusCode="0" statusSeverity="Info" statusMessage="Status OK">'
        f"<HostRet><ProductName>{product}</ProductName><MajorVersion>18</MajorVersion>"
        f"<MinorVersion>0</MinorVersion><Country>{country}</Country>{supported}"
        "<IsAutomaticLogin>false</IsAutomaticLogin><QBFileMode>SingleUser</QBFileMode>"
        "</HostRet></HostQueryRs></QBXMLMsgsRs></QBXML>"
    )


US_13 = host_query_answer(
    "QuickBooks Pro 2021", "US", ["1.0", "2.0", "8.0", "12.0", "13.0", "14.0"]
)
ONLY_8 = host_query_answer("QuickBooks Pro 2008", "US", ["1.0", "2.0", "3.0", "7.0", "8.0"])
CANADIAN = host_query_answer("QuickBooks Pro 2021 CA", "CA", ["CA3.0", "13.0"])
