<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-text.xsl: TEI element → (X)HTML behaviour, one small template per element (the readable
  table CETEIcean keeps in defaultBehaviors.js). Included by html.xsl for the site; imported by
  epub-text.xsl, which overrides by import precedence only what an EPUB does differently
  (footnote references, page breaks, file-relative links, xml:lang, images).

  Mode h:text renders text content. Tunnel parameters carry the context HTML needs to stay
  valid whatever the TEI nesting:
    $phrasing  true inside a paragraph-like element: blocks become spans (class "block")
    $in-link   true inside an <a>: no nested links, no note buttons
    $copy      true when a passage is shown a second time (apparatus lemma): no ids, no markers
    $depth     heading level: 1 at the page's h1, one more inside each division with a head

  It asks common.xsl (f:) for every number, label and look-up: the stylesheet that includes
  or imports this one must import common.xsl. It reads no global variable of its includer.

  Hooks the including stylesheet provides or overrides:
    h:href-of($target, $from)  the address of an element of the volume (not defined here)
    h:href($pointer, $from)    the address of a pointer (same volume, other volumes, the web)
    h:noteref                  the marker of a footnote, apparatus entry or source note

  Safety: no attribute of the source is ever copied. Every href passes f:safe-url; HTML script,
  iframe, object … are dropped with their content and reported; any other element without a
  rule shows its text and is reported once per name (Python collects the messages).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:f="https://fortran-tei.org/ns/functions"
    xmlns:h="https://fortran-tei.org/ns/html"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- text-only-copy: a node no rule expects (a processing instruction's neighbour, a text node
       in an odd place) still gives its text; elements are caught by the fallback below. -->
  <xsl:mode name="h:text" on-no-match="text-only-copy"/>

  <!-- ============================================================ fallback and safety -->

  <!-- Any element without a rule: its content, reported by name. -->
  <xsl:template match="*" mode="h:text" priority="-10">
    <xsl:call-template name="f:report">
      <xsl:with-param name="kind" select="'unknown-element'"/>
      <xsl:with-param name="value" select="name()"/>
    </xsl:call-template>
    <span class="tei-{f:safe-name(local-name())}"><xsl:call-template name="h:attrs"/><xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></span>
  </xsl:template>

  <!-- Script-capable HTML found in the sources (any namespace): dropped with its content. -->
  <xsl:template match="*[f:is-foreign-markup(.)]" mode="h:text" priority="10">
    <xsl:call-template name="f:report">
      <xsl:with-param name="kind" select="'dropped-element'"/>
      <xsl:with-param name="value" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- HTML elements in the XHTML namespace that are not script-capable (a div): their text. -->
  <xsl:template match="*[namespace-uri() eq 'http://www.w3.org/1999/xhtml']" mode="h:text">
    <xsl:call-template name="f:report">
      <xsl:with-param name="kind" select="'unknown-element'"/>
      <xsl:with-param name="value" select="'html:' || local-name()"/>
    </xsl:call-template>
    <xsl:apply-templates mode="h:text"/>
  </xsl:template>

  <!-- Never rendered as text: header data, facsimile, stand-off. -->
  <xsl:template match="teiHeader | facsimile | standOff | fw | cb | listPerson[ancestor::teiHeader]" mode="h:text"/>

  <!-- The id and language an element carries into its HTML counterpart. -->
  <xsl:template name="h:attrs">
    <xsl:param name="copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:if test="@xml:id and not($copy)"><xsl:attribute name="id" select="f:safe-name(@xml:id)"/></xsl:if>
    <xsl:call-template name="h:lang"/>
  </xsl:template>

  <xsl:template name="h:lang">
    <xsl:if test="@xml:lang[matches(., '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$')]"><xsl:attribute name="lang" select="@xml:lang"/></xsl:if>
  </xsl:template>

  <!-- rend="italics bold" → class="rend-italic rend-bold" (f:rend-styles' tokens, sanitised;
       never a style attribute). -->
  <xsl:function name="h:rend-class" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="f:rend-styles($el) ! ('rend-' || f:safe-name(.))"/>
  </xsl:function>

  <!-- A block: div/p (or another name) outside paragraphs, span.block inside them. -->
  <xsl:template name="h:block">
    <xsl:param name="name" as="xs:string" select="'div'"/>
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:param name="phrasing" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:element name="{if ($phrasing) then 'span' else $name}">
      <xsl:call-template name="h:attrs"/>
      <xsl:variable name="classes" select="($class, h:rend-class(.), if ($phrasing) then 'block' else ())"/>
      <xsl:if test="exists($classes)"><xsl:attribute name="class" select="string-join($classes, ' ')"/></xsl:if>
      <xsl:apply-templates mode="h:text">
        <xsl:with-param name="phrasing" select="$phrasing or $name = ('p', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'figcaption', 'caption', 'th', 'td', 'span')" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- An inline wrapper: span with a class, and id/lang. -->
  <xsl:template name="h:inline">
    <xsl:param name="name" as="xs:string" select="'span'"/>
    <xsl:param name="class" as="xs:string*" select="local-name()"/>
    <xsl:element name="{$name}">
      <xsl:call-template name="h:attrs"/>
      <xsl:variable name="classes" select="($class, h:rend-class(.))"/>
      <xsl:if test="exists($classes)"><xsl:attribute name="class" select="string-join($classes, ' ')"/></xsl:if>
      <xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- ============================================================ structure -->

  <xsl:template match="TEI | teiCorpus | text | group | front | body | back" mode="h:text">
    <xsl:apply-templates mode="h:text"/>
  </xsl:template>

  <!-- A division with a heading is a section one level down; without, a plain div. -->
  <xsl:template match="div | div1 | div2 | div3 | div4 | div5 | div6 | floatingText | titlePage | sp | castList" mode="h:text">
    <xsl:param name="depth" tunnel="yes" as="xs:integer" select="1"/>
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="if (head) then 'section' else 'div'"/>
      <xsl:with-param name="class" select="(if (starts-with(local-name(), 'div')) then 'div' else local-name(), @type ! ('div-' || f:safe-name(.)))"/>
      <xsl:with-param name="depth" select="if (head) then $depth + 1 else $depth" tunnel="yes"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A document's summary is the editors' text: marked so (not the leaders' words). -->
  <xsl:template match="div[@type = 'summary']" mode="h:text">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'div'"/>
      <xsl:with-param name="class" select="'summary'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="head" mode="h:text">
    <xsl:param name="depth" tunnel="yes" as="xs:integer" select="1"/>
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="if (parent::list or parent::listBibl[not(parent::div)] or parent::table or parent::figure or parent::lg) then 'p' else 'h' || min((6, max((2, $depth))))"/>
      <xsl:with-param name="class" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="listBibl/head" mode="h:text">
    <xsl:param name="depth" tunnel="yes" as="xs:integer" select="1"/>
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'h' || min((6, max((2, $depth + count(ancestor::listBibl)))))"/>
      <xsl:with-param name="class" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="p | ab" mode="h:text">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'p'"/></xsl:call-template>
  </xsl:template>

  <!-- An empty paragraph (our front files' placeholder body) gives nothing. -->
  <xsl:template match="p[not(node())] | ab[not(node())]" mode="h:text"/>

  <xsl:template match="dateline" mode="h:text">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'p'"/><xsl:with-param name="class" select="'dateline'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="opener | closer | postscript | epigraph | argument | byline | docAuthor | docDate | docImprint | docTitle | titlePart | speaker | trailer | salute | signed | address" mode="h:text">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="if (*[self::p or self::lg or self::list or self::table]) then 'div' else 'p'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="addrLine" mode="h:text">
    <xsl:call-template name="h:inline"/><br/>
  </xsl:template>

  <xsl:template match="lg" mode="h:text">
    <xsl:call-template name="h:block"><xsl:with-param name="class" select="'lg'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="l" mode="h:text">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'span'"/><xsl:with-param name="class" select="'l'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="quote | cit" mode="h:text">
    <xsl:param name="phrasing" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$phrasing and not(ancestor::cit)"><xsl:call-template name="h:inline"><xsl:with-param name="name" select="'q'"/></xsl:call-template></xsl:when>
      <xsl:when test="$phrasing"><xsl:call-template name="h:inline"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="h:block"><xsl:with-param name="name" select="'blockquote'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ lists, tables -->

  <xsl:template match="list | listBibl | listPerson | listPlace | listOrg | listEvent" mode="h:text">
    <xsl:apply-templates select="head" mode="h:text"/>
    <xsl:call-template name="h:list">
      <xsl:with-param name="items" select="* except (head | label)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Items (with their labels, in a gloss list) as ul/ol; as spans inside paragraphs. -->
  <xsl:template name="h:list">
    <xsl:param name="items" as="element()*"/>
    <xsl:param name="phrasing" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:element name="{if ($phrasing) then 'span' else if (@type = ('ordered', 'numbered') or @rend = 'numbered') then 'ol' else 'ul'}">
      <xsl:call-template name="h:attrs"/>
      <xsl:attribute name="class" select="string-join(('list', @type ! ('list-' || f:safe-name(.)), if ($phrasing) then 'block' else ()), ' ')"/>
      <xsl:for-each select="$items">
        <xsl:element name="{if ($phrasing) then 'span' else 'li'}">
          <xsl:if test="$phrasing"><xsl:attribute name="class" select="'item block'"/></xsl:if>
          <xsl:for-each select="preceding-sibling::*[1][self::label]">
            <span class="label"><xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></span>
            <xsl:text> </xsl:text>
          </xsl:for-each>
          <xsl:apply-templates select="." mode="h:item"/>
        </xsl:element>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <xsl:mode name="h:item" on-no-match="fail"/>
  <xsl:template match="*" mode="h:item">
    <xsl:param name="phrasing" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="self::item or self::bibl or self::biblStruct or self::person or self::place or self::org or self::event">
        <!-- the item element's own content: an li holds flow, a span only phrasing -->
        <xsl:if test="@xml:id"><span id="{f:safe-name(@xml:id)}" class="anchor"></span></xsl:if>
        <xsl:apply-templates mode="h:text"/>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="." mode="h:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="item" mode="h:text">
    <xsl:call-template name="h:inline"/>
  </xsl:template>
  <xsl:template match="label" mode="h:text">
    <xsl:call-template name="h:inline"/>
  </xsl:template>

  <xsl:template match="table" mode="h:text">
    <xsl:param name="phrasing" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$phrasing">
        <xsl:call-template name="h:block"><xsl:with-param name="class" select="'table'"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-wrap">
          <table>
            <xsl:call-template name="h:attrs"/>
            <xsl:for-each select="head[1]"><caption><xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></caption></xsl:for-each>
            <tbody><xsl:apply-templates select="row" mode="h:text"/></tbody>
          </table>
          <xsl:apply-templates select="* except (head[1] | row)" mode="h:text"/>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="row" mode="h:text">
    <xsl:param name="phrasing" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$phrasing or not(parent::table)"><xsl:call-template name="h:block"><xsl:with-param name="class" select="'row'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><tr><xsl:apply-templates select="cell" mode="h:text"/><xsl:apply-templates select="* except cell" mode="h:text"/></tr></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="cell" mode="h:text">
    <xsl:param name="phrasing" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$phrasing or not(parent::row/parent::table)"><xsl:call-template name="h:inline"/><xsl:text> </xsl:text></xsl:when>
      <xsl:otherwise>
        <xsl:element name="{if (@role = 'label' or parent::row/@role = 'label') then 'th' else 'td'}">
          <xsl:if test="@cols[. castable as xs:integer][xs:integer(.) gt 1]"><xsl:attribute name="colspan" select="@cols"/></xsl:if>
          <xsl:if test="@rows[. castable as xs:integer][xs:integer(.) gt 1]"><xsl:attribute name="rowspan" select="@rows"/></xsl:if>
          <xsl:if test="@role = 'label' or parent::row/@role = 'label'"><xsl:attribute name="scope" select="if (@role = 'label') then 'row' else 'col'"/></xsl:if>
          <xsl:call-template name="h:attrs"/>
          <xsl:apply-templates mode="h:text"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ figures -->

  <!-- Images are not fetched (the site is offline and local): the figure keeps its caption,
       its description, and a link to the image when the address is safe. -->
  <xsl:template match="figure" mode="h:text">
    <xsl:call-template name="h:block">
      <xsl:with-param name="name" select="'figure'"/>
      <xsl:with-param name="class" select="'figure'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="figure/head" mode="h:text" priority="2">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'p'"/><xsl:with-param name="class" select="'caption'"/></xsl:call-template>
  </xsl:template>

  <!-- The description of a figure is text of the page, whatever becomes of the image. -->
  <xsl:template match="figDesc" mode="h:text">
    <xsl:call-template name="h:block"><xsl:with-param name="name" select="'p'"/><xsl:with-param name="class" select="'figdesc'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="graphic | media" mode="h:text">
    <xsl:param name="in-link" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:variable name="url" select="f:safe-url(@url)"/>
    <xsl:variable name="label" select="'Image: ' || (tokenize(normalize-space(@url), '/')[last()], 'unnamed')[. ne ''][1]"/>
    <xsl:choose>
      <xsl:when test="@url and empty($url)">
        <xsl:call-template name="f:report"><xsl:with-param name="kind" select="'unsafe-url'"/><xsl:with-param name="value" select="@url"/></xsl:call-template>
        <span class="graphic">Image (its address was not safe to link)</span>
      </xsl:when>
      <xsl:when test="$in-link or empty($url)"><span class="graphic"><xsl:value-of select="$label"/></span></xsl:when>
      <xsl:otherwise><a class="graphic" href="{$url}"><xsl:value-of select="$label"/></a></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ phrases -->

  <!-- hi: the HTML element for the first of its styles that has one (f:rend-styles), else a
       span; every style stays as a class (rend-bold on an i), so none is lost. -->
  <xsl:template match="hi" mode="h:text">
    <xsl:variable name="styles" select="f:rend-styles(.)"/>
    <xsl:call-template name="h:inline">
      <xsl:with-param name="name" select="
        if ($styles = 'superscript') then 'sup'
        else if ($styles = 'subscript') then 'sub'
        else if ($styles = 'italic') then 'i'
        else if ($styles = 'bold') then 'b'
        else 'span'"/>
      <xsl:with-param name="class" select="()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="emph" mode="h:text">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'em'"/><xsl:with-param name="class" select="()"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="foreign | term[not(@ref)] | mentioned | soCalled | gloss" mode="h:text">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="if (self::foreign or self::mentioned) then 'i' else 'span'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="title" mode="h:text">
    <xsl:call-template name="h:inline">
      <xsl:with-param name="name" select="if (@level = ('a', 'u')) then 'q' else 'cite'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="code | gi | att | tag" mode="h:text">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'code'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="abbr" mode="h:text">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'abbr'"/><xsl:with-param name="class" select="()"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="q | said" mode="h:text">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'q'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="seg | rs | orgName | placeName | geogName | settlement | country | name[not(@ref)] | roleName | addName | genName | forename | surname | author | editor | publisher | pubPlace | biblScope | idno | num | measure | time | unclear | w | c | pc | s | phr | affiliation | email | orig | reg | corr | expan | sic | bibl | biblStruct | stamp | licence | date[not(@when)] | persName[not(@ref)] | note[ancestor::app]" mode="h:text">
    <xsl:call-template name="h:inline"/>
  </xsl:template>

  <xsl:template match="date[@when]" mode="h:text">
    <xsl:variable name="when" select="normalize-space(@when)"/>
    <xsl:choose>
      <xsl:when test="matches($when, '^\d{4}(-\d{2}(-\d{2})?)?$')">
        <time datetime="{$when}"><xsl:call-template name="h:attrs"/><xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates></time>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="h:inline"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="choice" mode="h:text">
    <xsl:apply-templates select="(corr, reg, expan, *)[1]" mode="h:text"/>
    <xsl:for-each select="(sic, orig, abbr)[1] except (corr, reg, expan, *)[1]">
      <span class="choice-alt"> [<xsl:apply-templates mode="h:text"/>]</span>
    </xsl:for-each>
  </xsl:template>

  <!-- text the editors judge superfluous: kept, in brackets, as the PDF prints it -->
  <xsl:template match="surplus" mode="h:text">
    <span class="surplus"><xsl:call-template name="h:attrs"/>[<xsl:apply-templates mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>]</span>
  </xsl:template>

  <xsl:template match="del" mode="h:text">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="'del'"/><xsl:with-param name="class" select="()"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="add | supplied" mode="h:text">
    <xsl:call-template name="h:inline"><xsl:with-param name="name" select="if (self::add) then 'ins' else 'span'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="gap" mode="h:text">
    <span class="gap" title="{string-join(('omitted', @reason, @quantity ! (. || ' ' || ../@unit)), ' ')}">[…]</span>
  </xsl:template>

  <xsl:template match="space" mode="h:text"><xsl:text> </xsl:text></xsl:template>

  <xsl:template match="lb" mode="h:text">
    <br/>
  </xsl:template>

  <xsl:template match="anchor | milestone" mode="h:text">
    <xsl:param name="copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:if test="@xml:id and not($copy)"><span class="anchor" id="{f:safe-name(@xml:id)}"></span></xsl:if>
    <xsl:if test="self::milestone and @unit = ('section', 'part') and @n"><span class="milestone">[<xsl:value-of select="@n"/>]</span></xsl:if>
  </xsl:template>

  <!-- Original pagination: a visible margin marker that is its own link. -->
  <xsl:template match="pb" mode="h:text">
    <xsl:param name="copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:param name="in-link" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:if test="$n ne '' and not($copy)">
      <xsl:variable name="id" select="h:pb-anchor(.)"/>
      <xsl:choose>
        <xsl:when test="$in-link"><span class="pb" id="{$id}">[<xsl:value-of select="$n"/>]</span></xsl:when>
        <xsl:otherwise><a class="pb" id="{$id}" href="#{$id}" aria-label="Page {$n} of the printed volume">[<xsl:value-of select="$n"/>]</a></xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- A page break's anchor: its id, else "pg_387" (FRUS's own form) when no other page break
       has that number, else f:anchor's. -->
  <xsl:function name="h:pb-anchor" as="xs:string">
    <xsl:param name="pb" as="element()"/>
    <xsl:sequence select="
      if ($pb/@xml:id) then f:safe-name($pb/@xml:id)
      else if (count(key('h:pb-by-n', string($pb/@n), root($pb))) eq 1) then f:unclaimed('pg_' || f:safe-name($pb/@n), $pb)
      else f:anchor($pb)"/>
  </xsl:function>

  <!-- "Is this page number unique?" is asked for every page break: index them. -->
  <xsl:key name="h:pb-by-n" match="pb" use="string(@n)"/>

  <!-- ============================================================ links -->

  <!-- The href of a pointer: same-volume targets go to where the volume shows them
       (h:href-of, given by the output); other volumes to history.state.gov; web addresses as
       they are; unsafe ones to nothing. -->
  <xsl:function name="h:href" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="from" as="node()"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:variable name="target" select="f:target($p, $from)"/>
    <xsl:sequence select="
      if ($target) then h:href-of($target, $from)
      else if (starts-with($p, '#')) then ()
      else if (f:is-volume-pointer($p)) then f:volume-pointer-url($p)
      else f:safe-url($p)"/>
  </xsl:function>

  <!-- A link around phrasing content, or the content alone where a link cannot be: inside
       another link, to nowhere, or around a note or apparatus marker (itself a control). -->
  <xsl:template name="h:link">
    <xsl:param name="href" as="xs:string?"/>
    <xsl:param name="class" as="xs:string*" select="()"/>
    <xsl:param name="title" as="xs:string?" select="()"/>
    <xsl:param name="label" as="xs:string?" select="()"/>
    <xsl:param name="in-link" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-link or empty($href) or .//note or .//app">
        <xsl:call-template name="h:inline"><xsl:with-param name="class" select="($class, 'ref')[1]"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <a href="{$href}">
          <xsl:if test="exists($class)"><xsl:attribute name="class" select="string-join($class, ' ')"/></xsl:if>
          <xsl:if test="$title"><xsl:attribute name="title" select="$title"/></xsl:if>
          <xsl:call-template name="h:attrs"/>
          <xsl:value-of select="$label"/>
          <xsl:apply-templates mode="h:text">
            <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
            <xsl:with-param name="in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="ref | ptr" mode="h:text">
    <xsl:variable name="raw" select="normalize-space((tokenize(normalize-space(@target), ' ')[1], @url)[1])"/>
    <xsl:if test="$raw and empty(f:safe-url($raw))">
      <xsl:call-template name="f:report"><xsl:with-param name="kind" select="'unsafe-url'"/><xsl:with-param name="value" select="$raw"/></xsl:call-template>
    </xsl:if>
    <xsl:call-template name="h:link">
      <xsl:with-param name="href" select="h:href($raw, .)"/>
      <xsl:with-param name="label" select="
        if (self::ptr or not(normalize-space()))
        then (f:target($raw, .) ! (if (. intersect f:documents(.)) then 'Document ' || f:doc-number(.) else ()),
              if (f:is-volume-pointer($raw)) then f:volume-pointer-label($raw) else (),
              $raw)[1]
        else ()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A name linked to the List of Names when the person is in it; an organisation or a
       place to its entry. -->
  <xsl:template match="persName[@ref] | name[@ref] | orgName[@ref] | placeName[@ref]" mode="h:text">
    <xsl:variable name="person" select="f:person(@ref, .)"/>
    <xsl:variable name="target" select="($person, f:target(tokenize(normalize-space(@ref), ' ')[1], .))[1]"/>
    <xsl:call-template name="h:link">
      <xsl:with-param name="href" select="$target ! h:href-of(., current())"/>
      <xsl:with-param name="class" select="local-name()"/>
      <xsl:with-param name="title" select="$person ! f:person-name(.)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A term linked to its abbreviation entry, its expansion as title. -->
  <xsl:template match="term[@ref]" mode="h:text">
    <xsl:param name="in-link" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:variable name="item" select="f:abbreviation(@ref, .)"/>
    <xsl:variable name="href" select="$item ! h:href-of(., current())"/>
    <xsl:variable name="expansion" select="f:expansion(.)"/>
    <xsl:variable name="link" select="exists($href) and not($in-link or .//note or .//app)"/>
    <xsl:variable name="abbr">
      <abbr class="term">
        <xsl:if test="$expansion"><xsl:attribute name="title" select="$expansion"/></xsl:if>
        <xsl:if test="not($link)"><xsl:call-template name="h:attrs"/></xsl:if>
        <xsl:apply-templates mode="h:text">
          <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
          <xsl:with-param name="in-link" select="$in-link or $link" tunnel="yes"/>
        </xsl:apply-templates>
      </abbr>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$link"><a class="term-link" href="{$href}"><xsl:call-template name="h:attrs"/><xsl:sequence select="$abbr"/></a></xsl:when>
      <xsl:otherwise><xsl:sequence select="$abbr"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============================================================ notes and apparatus -->

  <!-- A footnote in the text: its marker (h:noteref). The note itself is rendered at the end. -->
  <xsl:template match="note" mode="h:text">
    <xsl:param name="copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:if test="not($copy)">
      <xsl:call-template name="h:noteref">
        <xsl:with-param name="anchor" select="f:note-anchor(.)"/>
        <xsl:with-param name="label" select="f:note-number(.)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A source note printed in the text is shown with the other notes, not as a marker. -->
  <xsl:template match="note[not(f:is-footnote(.))][not(ancestor::app)]" mode="h:text"/>

  <!-- The lemma stays in the text, the letter marks it; the readings go to the apparatus. -->
  <xsl:template match="app" mode="h:text">
    <xsl:param name="copy" tunnel="yes" as="xs:boolean" select="false()"/>
    <span class="lem">
      <xsl:apply-templates select="f:app-lemma(.)/node()" mode="h:text"><xsl:with-param name="phrasing" select="true()" tunnel="yes"/></xsl:apply-templates>
    </span>
    <xsl:if test="not($copy)">
      <xsl:call-template name="h:noteref">
        <xsl:with-param name="anchor" select="f:app-anchor(.)"/>
        <xsl:with-param name="label" select="f:app-letter(.)"/>
        <xsl:with-param name="kind" select="'app'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The marker of a note ($kind 'note', 'app' or 'source'): a button that opens the note in
       place (popover) and is the target of the note's back link; inside a link, plain. -->
  <xsl:template name="h:noteref">
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="kind" as="xs:string" select="'note'"/>
    <xsl:param name="in-link" tunnel="yes" as="xs:boolean" select="false()"/>
    <xsl:variable name="class" select="if ($kind eq 'app') then 'appref' else 'noteref'"/>
    <xsl:choose>
      <xsl:when test="$in-link"><sup class="{$class}-plain" id="{f:ref-id($anchor)}"><xsl:value-of select="$label"/></sup></xsl:when>
      <xsl:otherwise>
        <button type="button" class="{$class}" id="{f:ref-id($anchor)}" popovertarget="{$anchor}"
                aria-label="{normalize-space((if ($kind eq 'app') then 'Apparatus note ' else if ($kind eq 'source') then 'Source note ' else 'Note ') || $label[$kind ne 'source'])}"><xsl:value-of select="$label"/></button>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="lem | rdg" mode="h:text">
    <xsl:call-template name="h:inline"/>
  </xsl:template>

</xsl:stylesheet>
