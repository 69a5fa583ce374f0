<?xml version="1.0" encoding="UTF-8"?>
<!-- The documents of a volume as `fortran-tei info` counts them: exactly those the outputs
     print (f:documents), one line each, "kind TAB date". -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:f="https://fortran-tei.org/ns/functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:output method="text"/>
  <xsl:mode on-no-match="fail"/>

  <xsl:template match="/">
    <xsl:for-each select="f:documents(.)">
      <xsl:value-of select="(f:category-key(., 'kind') ! replace(., '-', ' '), 'document')[1] || '&#9;' || f:sort-date(f:doc-date(.)) || '&#10;'"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
