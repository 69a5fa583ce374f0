<?xml version="1.0" encoding="UTF-8"?>
<!--
  epub-text.xsl: TEI text as EPUB 3 XHTML (mode "epub"), included by epub.xsl.

  One small template per TEI element. Two tunnel parameters keep the XHTML valid whatever
  the TEI nests inside what:
    $inline   true in phrasing context (inside p, head, hi …): block elements become spans;
    $in-link  true inside a link: links and note references become plain spans;
    $copy     true when a passage is rendered a second time (a lemma in its apparatus note):
              no ids, no note references, no page breaks, so nothing is defined twice.
  Elements without a rule keep their text (text-only-copy); script, iframe and other
  HTML/script markup found in sources is dropped with its content (f:is-foreign-markup).
  Attributes of the sources are never copied: only those computed here are written.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:f="https://fortran-tei.org/ns/functions"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="epub" on-no-match="text-only-copy"/>

  <!-- ============================================================ helpers -->

  <!-- The element name for a block in the current context: itself, or span when inline. -->
  <xsl:function name="f:epub-tag" as="xs:string">
    <xsl:param name="block" as="xs:string"/>
    <xsl:param name="inline" as="xs:boolean"/>
    <xsl:sequence select="if ($inline) then 'span' else $block"/>
  </xsl:function>

  <!-- Elements that are rendered as blocks (and so cannot sit inside an XHTML p). -->
  <xsl:variable name="f:epub-blocks" as="xs:string*"
      select="('p', 'ab', 'div', 'lg', 'l', 'list', 'listBibl', 'listPerson', 'table', 'figure',
               'quote', 'cit', 'sp', 'floatingText', 'opener', 'closer', 'dateline', 'salute',
               'signed', 'postscript', 'head', 'byline', 'argument', 'epigraph', 'titlePage',
               'docTitle', 'titlePart', 'docImprint', 'docAuthor', 'docDate', 'speaker')"/>

  <xsl:function name="f:epub-has-blocks" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el//*[local-name() = $f:epub-blocks][not(ancestor::note except $el/ancestor-or-self::note)][not(ancestor::app)])"/>
  </xsl:function>

  <!-- The id an element is rendered with (none in a copy). -->
  <xsl:template name="f:epub-id">
    <xsl:param name="copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="@xml:id[normalize-space()] and not($copy)">
      <xsl:attribute name="id" select="f:anchor(.)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="f:epub-lang">
    <xsl:for-each select="@xml:lang[normalize-space()]">
      <xsl:attribute name="xml:lang" select="."/>
      <xsl:attribute name="lang" select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- A block: p, div … or a span with a class in phrasing context. -->
  <xsl:template name="f:epub-block">
    <xsl:param name="name" as="xs:string" select="'div'"/>
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag($name, $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:call-template name="f:epub-lang"/>
      <xsl:if test="$class or $inline">
        <xsl:attribute name="class" select="string-join(($class, local-name()[$inline], 'block'[$inline]), ' ')"/>
      </xsl:if>
      <xsl:apply-templates mode="epub">
        <xsl:with-param name="inline" tunnel="yes" select="$inline or $name = ('p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'span')"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- An inline wrapper (i, b, span …) that keeps its content's blocks valid. -->
  <xsl:template name="f:epub-inline">
    <xsl:param name="name" as="xs:string" select="'span'"/>
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:element name="{$name}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:call-template name="f:epub-lang"/>
      <xsl:if test="$class"><xsl:attribute name="class" select="$class"/></xsl:if>
      <xsl:apply-templates mode="epub">
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- ================================================= structure -->

  <xsl:template match="teiHeader | fw[@type = ('header', 'pageNum', 'sig', 'catch')]" mode="epub"/>

  <!-- Script and HTML markup in the sources: dropped, content and all, and reported. -->
  <xsl:template match="*[f:is-foreign-markup(.)]" mode="epub" priority="10">
    <xsl:call-template name="f:report">
      <xsl:with-param name="kind" select="'dropped-element'"/>
      <xsl:with-param name="value" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An element without a rule but with an id keeps a target for links to it. -->
  <xsl:template match="*[@xml:id]" mode="epub" priority="-1">
    <xsl:param name="copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($copy)"><span id="{f:anchor(.)}"/></xsl:if>
    <xsl:apply-templates mode="epub"/>
  </xsl:template>

  <xsl:template match="div | floatingText | postscript | argument | epigraph | titlePage | sp | castList" mode="epub">
    <xsl:param name="level" as="xs:integer" tunnel="yes" select="1"/>
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag(if (self::div and head) then 'section' else 'div', $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:call-template name="f:epub-lang"/>
      <xsl:attribute name="class" select="string-join((local-name(), @type ! f:safe-name(.), 'block'[$inline]), ' ')"/>
      <xsl:apply-templates mode="epub">
        <xsl:with-param name="level" tunnel="yes" select="if (head) then $level + 1 else $level"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A heading at the depth of its division (h2 inside a part's h1 …, at most h6). -->
  <xsl:template match="div/head | listBibl/head | listPerson/head | lg/head" mode="epub">
    <xsl:param name="level" as="xs:integer" tunnel="yes" select="2"/>
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:call-template name="f:epub-block">
      <xsl:with-param name="name" select="if ($inline) then 'span' else 'h' || min((max(($level, 1)), 6))"/>
      <xsl:with-param name="class" select="'head'[$inline]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="head" mode="epub">
    <xsl:call-template name="f:epub-block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="class" select="'head'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="p | ab" mode="epub">
    <xsl:variable name="blocks" select="f:epub-has-blocks(.)"/>
    <xsl:call-template name="f:epub-block">
      <xsl:with-param name="name" select="if ($blocks) then 'div' else 'p'"/>
      <xsl:with-param name="class" select="'p'[$blocks]"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:template match="p[not(node())] | ab[not(node())]" mode="epub"/>

  <xsl:template match="dateline | salute | signed | byline | docAuthor | docDate | docImprint | titlePart | speaker | trailer" mode="epub">
    <xsl:call-template name="f:epub-block">
      <xsl:with-param name="name" select="if (f:epub-has-blocks(.)) then 'div' else 'p'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="opener | closer | docTitle | lg | figure" mode="epub">
    <xsl:call-template name="f:epub-block">
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="l" mode="epub">
    <xsl:call-template name="f:epub-block">
      <xsl:with-param name="class" select="'l'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="quote[f:epub-has-blocks(.) or parent::div or parent::body or parent::cit] | cit" mode="epub">
    <xsl:call-template name="f:epub-block">
      <xsl:with-param name="name" select="'blockquote'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Figures: images are not bundled (sources point at the web); their words stay. -->
  <xsl:template match="graphic | media | binaryObject" mode="epub"/>
  <xsl:template match="figDesc" mode="epub">
    <xsl:call-template name="f:epub-block">
      <xsl:with-param name="name" select="'p'"/>
      <xsl:with-param name="class" select="'figdesc'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ====================================================== lists -->

  <!-- A list of label/item pairs is a dl; any other list a ul (ol when numbered). -->
  <xsl:function name="f:epub-is-glossary" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="exists($list/label) and
      (every $i in $list/item satisfies $i/preceding-sibling::*[1][self::label]) and
      (every $l in $list/label satisfies $l/following-sibling::*[1][self::item]) and
      empty($list/*[not(self::label or self::item or self::head)])"/>
  </xsl:function>

  <xsl:template match="list | listBibl | listPerson | listPlace | listOrg | listEvent" mode="epub">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="level" as="xs:integer" tunnel="yes" select="1"/>
    <xsl:variable name="name" select="
      if (self::list[@type = 'abbreviations'] or self::listPerson or (self::list and f:epub-is-glossary(.))) then 'dl'
      else if (matches(@rend || @type, 'ordered|numbered|decimal')) then 'ol' else 'ul'"/>
    <xsl:apply-templates select="head" mode="epub">
      <xsl:with-param name="level" tunnel="yes" select="$level + 1"/>
    </xsl:apply-templates>
    <xsl:element name="{f:epub-tag($name, $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:attribute name="class" select="string-join((local-name(), @type ! f:safe-name(.), 'block'[$inline]), ' ')"/>
      <xsl:apply-templates select="node() except head" mode="epub-list">
        <xsl:with-param name="container" select="$name"/>
        <xsl:with-param name="level" tunnel="yes" select="if (head) then $level + 1 else $level"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- Children of a list: each becomes a list item (or dt/dd); whitespace stays out. -->
  <xsl:template match="text()[not(normalize-space())]" mode="epub-list"/>

  <xsl:template match="node()" mode="epub-list">
    <xsl:param name="container" as="xs:string"/>
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag(if ($container eq 'dl') then 'dd' else 'li', $inline)}">
      <xsl:if test="$inline"><xsl:attribute name="class" select="'item block'"/></xsl:if>
      <xsl:apply-templates select="." mode="epub"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="item | bibl | biblStruct | person | place | org | event" mode="epub-list">
    <xsl:param name="container" as="xs:string"/>
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag(if ($container eq 'dl') then 'dd' else 'li', $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:attribute name="class" select="string-join((local-name(), 'block'[$inline]), ' ')"/>
      <xsl:apply-templates mode="epub"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="label" mode="epub-list">
    <xsl:param name="container" as="xs:string"/>
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag(if ($container eq 'dl') then 'dt' else 'li', $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:attribute name="class" select="string-join(('label', 'block'[$inline]), ' ')"/>
      <xsl:apply-templates mode="epub">
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- The abbreviation list: ACDA — Arms Control and Disarmament Agency. -->
  <xsl:template match="list[@type = 'abbreviations']/item[abbr]" mode="epub-list">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag('dt', $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:apply-templates select="abbr/node()" mode="epub">
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
    <xsl:element name="{f:epub-tag('dd', $inline)}">
      <xsl:apply-templates select="node() except abbr" mode="epub">
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- The List of Names: the main name as written, then the description. -->
  <xsl:template match="listPerson/person" mode="epub-list">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="main" select="(persName[@type = 'main'], persName, *)[1]"/>
    <xsl:element name="{f:epub-tag('dt', $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:apply-templates select="$main/node()" mode="epub">
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </xsl:element>
    <xsl:element name="{f:epub-tag('dd', $inline)}">
      <xsl:apply-templates select="if (note) then note/node() else (* except ($main, persName))" mode="epub">
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
      <xsl:for-each-group select="persName except $main" group-by="true()">
        <xsl:text> (also </xsl:text>
        <xsl:for-each select="current-group()">
          <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
          <xsl:apply-templates mode="epub"><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:for-each-group>
    </xsl:element>
  </xsl:template>
  <xsl:template match="person[@sameAs][not(*)]" mode="epub-list"/>

  <!-- ====================================================== tables -->

  <xsl:template match="table" mode="epub">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag('table', $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:if test="$inline"><xsl:attribute name="class" select="'table block'"/></xsl:if>
      <xsl:for-each select="head[1]">
        <xsl:element name="{f:epub-tag('caption', $inline)}">
          <xsl:apply-templates mode="epub">
            <xsl:with-param name="inline" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </xsl:element>
      </xsl:for-each>
      <xsl:apply-templates select="node() except head[1]" mode="epub-table"/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="text()[not(normalize-space())]" mode="epub-table epub-row"/>

  <xsl:template match="row" mode="epub-table">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag('tr', $inline)}">
      <xsl:call-template name="f:epub-id"/>
      <xsl:if test="$inline"><xsl:attribute name="class" select="'row block'"/></xsl:if>
      <xsl:apply-templates mode="epub-row"/>
    </xsl:element>
  </xsl:template>

  <!-- Anything else in a table gets a row and a cell of its own. -->
  <xsl:template match="node()" mode="epub-table">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{f:epub-tag('tr', $inline)}">
      <xsl:element name="{f:epub-tag('td', $inline)}">
        <xsl:apply-templates select="." mode="epub"/>
      </xsl:element>
    </xsl:element>
  </xsl:template>

  <xsl:template match="node()" mode="epub-row">
    <xsl:param name="inline" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="header" select="@role = 'label' or parent::row/@role = 'label'"/>
    <xsl:element name="{f:epub-tag(if ($header) then 'th' else 'td', $inline)}">
      <xsl:if test="self::cell">
        <xsl:call-template name="f:epub-id"/>
        <xsl:if test="@cols[. castable as xs:integer][xs:integer(.) gt 1] and not($inline)">
          <xsl:attribute name="colspan" select="@cols"/>
        </xsl:if>
        <xsl:if test="@rows[. castable as xs:integer][xs:integer(.) gt 1] and not($inline)">
          <xsl:attribute name="rowspan" select="@rows"/>
        </xsl:if>
        <xsl:if test="$header and not($inline)">
          <xsl:attribute name="scope" select="if (@role = 'label') then 'row' else 'col'"/>
        </xsl:if>
      </xsl:if>
      <xsl:if test="$inline"><xsl:attribute name="class" select="'cell'"/></xsl:if>
      <xsl:apply-templates select="if (self::cell) then node() else ." mode="epub"/>
    </xsl:element>
  </xsl:template>

  <!-- ====================================================== phrases -->

  <xsl:function name="f:epub-hi-name" as="xs:string">
    <xsl:param name="rend" as="xs:string"/>
    <xsl:sequence select="
      if (matches($rend, 'ital|slant')) then 'i'
      else if (matches($rend, 'bold')) then 'b'
      else if (matches($rend, 'sup')) then 'sup'
      else if (matches($rend, 'sub')) then 'sub'
      else 'span'"/>
  </xsl:function>

  <xsl:template match="hi" mode="epub">
    <xsl:variable name="rend" select="lower-case(string-join((@rend, @rendition, @style), ' '))"/>
    <xsl:call-template name="f:epub-inline">
      <xsl:with-param name="name" select="f:epub-hi-name($rend)"/>
      <xsl:with-param name="class" select="
        if (matches($rend, 'small-?caps')) then 'sc' else if (matches($rend, 'underline')) then 'u' else ()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="emph" mode="epub">
    <xsl:call-template name="f:epub-inline"><xsl:with-param name="name" select="'em'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="title[not(parent::titleStmt)] | foreign | mentioned | soCalled[@rend = 'italic']" mode="epub">
    <xsl:call-template name="f:epub-inline">
      <xsl:with-param name="name" select="if (self::title[@level = ('a', 'u')]) then 'span' else 'i'"/>
      <xsl:with-param name="class" select="local-name()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="q | said | quote" mode="epub">
    <xsl:call-template name="f:epub-inline"><xsl:with-param name="class" select="'q'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="code | gi | att | tag" mode="epub">
    <xsl:call-template name="f:epub-inline"><xsl:with-param name="name" select="'code'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="del" mode="epub">
    <xsl:call-template name="f:epub-inline"><xsl:with-param name="name" select="'del'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="add" mode="epub">
    <xsl:call-template name="f:epub-inline"><xsl:with-param name="name" select="'ins'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="choice" mode="epub">
    <xsl:apply-templates select="(corr, reg, expan, *)[1]" mode="epub"/>
  </xsl:template>

  <xsl:template match="gap" mode="epub">
    <span class="gap">[…]</span>
  </xsl:template>

  <xsl:template match="lb" mode="epub"><br/></xsl:template>
  <xsl:template match="milestone | cb | anchor[not(@xml:id)]" mode="epub"/>

  <!-- A page break of the printed original: a page-list target. -->
  <xsl:template match="pb" mode="epub">
    <xsl:param name="copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($copy) and normalize-space(@n)">
      <span epub:type="pagebreak" role="doc-pagebreak" id="{f:anchor(.)}" class="pagebreak" aria-label="{normalize-space(@n)}"/>
    </xsl:if>
  </xsl:template>

  <!-- ====================================================== links -->

  <!--
    Where a pointer leads in the book: "text/d16.xhtml#d16fn2" relative to the current file,
    an external web address, or nothing (the words stay, the link goes).
  -->
  <xsl:function name="f:epub-href" as="xs:string?">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:param name="from" as="node()"/>
    <xsl:variable name="p" select="normalize-space($pointer)"/>
    <xsl:variable name="target" select="f:epub-target($p, $from)"/>
    <xsl:sequence select="
      if (exists($target)) then f:epub-link-to($target, $from)
      else if (f:is-volume-pointer($p)) then f:volume-pointer-url($p)
      else if (matches($p, '^(https?|mailto):', 'i')) then f:safe-url($p)
      else ()"/>
  </xsl:function>

  <!-- The element a same-volume pointer names: first in the same TEI file, then anywhere. -->
  <xsl:function name="f:epub-target" as="element()?">
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:param name="from" as="node()"/>
    <xsl:variable name="id" select="if (starts-with($pointer, '#')) then substring($pointer, 2) else ()"/>
    <xsl:variable name="tei" select="$from/ancestor::TEI[1]"/>
    <xsl:sequence select="
      if (empty($id) or $id eq '') then ()
      else (if ($tei) then key('f:id', $id, $tei) else (), key('f:id', $id, root($from)))
           [not(ancestor::teiHeader or ancestor::sic or ancestor::orig or ancestor::rdg[not(ancestor::app)])]
           [exists(f:epub-part-of(.))][1]"/>
  </xsl:function>

  <!-- The href from one rendered node to a rendered element. -->
  <xsl:function name="f:epub-link-to" as="xs:string">
    <xsl:param name="target" as="element()"/>
    <xsl:param name="from" as="node()"/>
    <xsl:variable name="part" select="f:epub-part-of($target)"/>
    <xsl:variable name="file" select="if ($part is f:epub-part-of($from)) then '' else f:epub-file($part)"/>
    <xsl:sequence select="
      if ($target is $part) then (if ($file eq '') then '#' || f:epub-part-anchor($part) else $file)
      else $file || '#' || (if ($target/self::note) then f:note-anchor($target)
                            else if ($target/self::app) then f:app-anchor($target)
                            else f:anchor($target))"/>
  </xsl:function>

  <xsl:template match="ref | ptr" mode="epub">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="pointer" select="(tokenize(normalize-space(@target), ' ')[1], @url)[1]"/>
    <xsl:variable name="href" select="f:epub-href($pointer, .)"/>
    <xsl:variable name="raw" select="normalize-space($pointer)"/>
    <xsl:if test="$raw and empty(f:safe-url($raw))">
      <xsl:call-template name="f:report">
        <xsl:with-param name="kind" select="'unsafe-url'"/>
        <xsl:with-param name="value" select="$raw"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="exists($href) and not($in-link) and not(.//note or .//app)">
        <a href="{$href}">
          <xsl:call-template name="f:epub-id"/>
          <xsl:apply-templates mode="epub">
            <xsl:with-param name="inline" tunnel="yes" select="true()"/>
            <xsl:with-param name="in-link" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
          <xsl:if test="self::ptr">{if (f:is-volume-pointer($raw)) then f:volume-pointer-label($raw) else $raw}</xsl:if>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="f:epub-inline"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A name linked to its entry in the List of Names, a term to its expansion. -->
  <xsl:template match="persName[@ref] | name[@ref] | orgName[@ref] | placeName[@ref]" mode="epub">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="href" select="f:epub-href(tokenize(normalize-space(@ref), ' ')[1], .)"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not($in-link) and not(.//note or .//app)">
        <a href="{$href}" class="{local-name()}">
          <xsl:call-template name="f:epub-id"/>
          <xsl:apply-templates mode="epub">
            <xsl:with-param name="inline" tunnel="yes" select="true()"/>
            <xsl:with-param name="in-link" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="f:epub-inline"><xsl:with-param name="class" select="local-name()"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="term[@ref] | abbr" mode="epub">
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:variable name="expansion" select="if (@ref) then f:expansion(.) else ()"/>
    <xsl:variable name="href" select="if (@ref) then f:epub-href(tokenize(normalize-space(@ref), ' ')[1], .) else ()"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not($in-link) and not(.//note or .//app)">
        <a href="{$href}" class="term">
          <xsl:call-template name="f:epub-id"/>
          <abbr>
            <xsl:if test="$expansion"><xsl:attribute name="title" select="$expansion"/></xsl:if>
            <xsl:apply-templates mode="epub">
              <xsl:with-param name="inline" tunnel="yes" select="true()"/>
              <xsl:with-param name="in-link" tunnel="yes" select="true()"/>
            </xsl:apply-templates>
          </abbr>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="f:epub-inline">
          <xsl:with-param name="name" select="if ($expansion or self::abbr) then 'abbr' else 'span'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ====================================================== notes -->

  <!-- In the text a note is its reference; the note itself is written at the part's end. -->
  <xsl:template match="note" mode="epub">
    <xsl:param name="copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($copy)">
      <xsl:call-template name="f:epub-noteref">
        <xsl:with-param name="anchor" select="f:note-anchor(.)"/>
        <xsl:with-param name="label" select="f:note-number(.)"/>
        <xsl:with-param name="in-link" select="$in-link"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A note inside an apparatus entry is no footnote: it stays in place, in parentheses. -->
  <xsl:template match="note[ancestor::app]" mode="epub" priority="2">
    <span class="inline-note"> (<xsl:apply-templates mode="epub"><xsl:with-param name="inline" tunnel="yes" select="true()"/></xsl:apply-templates>)</span>
  </xsl:template>

  <!-- A source note printed in the text (real FRUS TEI) is the document's source footnote. -->
  <xsl:template match="note[not(ancestor::app)][@type = 'source' or @n = '0']
                           [exists(f:document-of(.))][. is f:inline-source-note(f:document-of(.))]" mode="epub" priority="2">
    <xsl:param name="copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:if test="not($copy)">
      <xsl:call-template name="f:epub-noteref">
        <xsl:with-param name="anchor" select="$f:epub-source-anchor"/>
        <xsl:with-param name="label" select="'*'"/>
        <xsl:with-param name="in-link" select="$in-link"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The apparatus: the lemma stays in the text, with its letter. -->
  <xsl:template match="app" mode="epub">
    <xsl:param name="copy" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:param name="in-link" as="xs:boolean" tunnel="yes" select="false()"/>
    <span class="lemma">
      <xsl:apply-templates select="f:app-lemma(.)/node()" mode="epub">
        <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      </xsl:apply-templates>
    </span>
    <xsl:if test="not($copy)">
      <xsl:call-template name="f:epub-noteref">
        <xsl:with-param name="anchor" select="f:app-anchor(.)"/>
        <xsl:with-param name="label" select="f:app-letter(.)"/>
        <xsl:with-param name="class" select="'app'"/>
        <xsl:with-param name="in-link" select="$in-link"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="f:epub-noteref">
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="class" as="xs:string?" select="()"/>
    <xsl:param name="in-link" as="xs:boolean" select="false()"/>
    <xsl:choose>
      <xsl:when test="$in-link">
        <sup class="{string-join(('noteref', $class), ' ')}" id="{$anchor}-ref">{$label}</sup>
      </xsl:when>
      <xsl:otherwise>
        <a epub:type="noteref" role="doc-noteref" class="{string-join(('noteref', $class), ' ')}"
           id="{$anchor}-ref" href="#{$anchor}">{$label}</a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The notes of a part, each an aside the reading system can show in a pop-up. -->
  <xsl:template name="f:epub-notes">
    <xsl:param name="notes" as="element(note)*"/>
    <xsl:param name="apps" as="element(app)*"/>
    <xsl:param name="source-note" as="array(*)*" select="()"/>
    <xsl:param name="source-anchor" as="xs:string?" select="()"/>
    <xsl:if test="exists(($notes, $apps, $source-note))">
      <section class="notes" aria-labelledby="ft-notes">
        <h2 id="ft-notes">Notes</h2>
        <xsl:if test="exists($source-note)">
          <aside epub:type="footnote" role="doc-footnote" id="{$source-anchor}" class="sourcenote">
            <p>
              <a href="#{$source-anchor}-ref" role="doc-backlink" class="notenum">*</a>
              <xsl:text> </xsl:text>
              <xsl:for-each select="$source-note">
                <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
                <xsl:apply-templates select="?*" mode="epub-sentence"/>
              </xsl:for-each>
            </p>
          </aside>
        </xsl:if>
        <xsl:apply-templates select="$notes" mode="epub-footnote"/>
        <xsl:apply-templates select="$apps" mode="epub-footnote"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- The items of a source-note sentence: our strings, the header's nodes, volume pointers. -->
  <xsl:template match=".[. instance of xs:string]" mode="epub-sentence">{.}</xsl:template>
  <xsl:template match=".[. instance of map(*)]" mode="epub-sentence">
    <a href="{f:volume-pointer-url(?volume-ref)}">{?label}</a>
  </xsl:template>
  <xsl:template match="node()" mode="epub-sentence">
    <xsl:apply-templates select="." mode="epub">
      <xsl:with-param name="inline" tunnel="yes" select="true()"/>
      <xsl:with-param name="copy" tunnel="yes" select="true()"/>
    </xsl:apply-templates>
  </xsl:template>

  <xsl:template match="note" mode="epub-footnote">
    <xsl:variable name="anchor" select="f:note-anchor(.)"/>
    <aside epub:type="footnote" role="doc-footnote" id="{$anchor}">
      <xsl:call-template name="f:epub-lang"/>
      <xsl:variable name="back">
        <a href="#{$anchor}-ref" role="doc-backlink" class="notenum">{f:note-number(.)}.</a>
        <xsl:text> </xsl:text>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="f:epub-has-blocks(.)">
          <p class="notenum">{$back}</p>
          <xsl:apply-templates mode="epub">
            <xsl:with-param name="inline" tunnel="yes" select="false()"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise>
          <p>
            <xsl:sequence select="$back"/>
            <xsl:apply-templates mode="epub">
              <xsl:with-param name="inline" tunnel="yes" select="true()"/>
            </xsl:apply-templates>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </aside>
  </xsl:template>

  <!-- "a gleams] glimmering of light (better translation). Comment." -->
  <xsl:template match="app" mode="epub-footnote">
    <xsl:variable name="anchor" select="f:app-anchor(.)"/>
    <aside epub:type="footnote" role="doc-footnote" id="{$anchor}" class="app">
      <p>
        <a href="#{$anchor}-ref" role="doc-backlink" class="notenum">{f:app-letter(.)}</a>
        <xsl:text> </xsl:text>
        <span class="lemma">
          <xsl:apply-templates select="f:app-lemma(.)/node()" mode="epub">
            <xsl:with-param name="inline" tunnel="yes" select="true()"/>
            <xsl:with-param name="copy" tunnel="yes" select="true()"/>
          </xsl:apply-templates>
        </span>
        <xsl:text>] </xsl:text>
        <xsl:for-each select="f:app-readings(.)">
          <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
          <span class="reading">
            <xsl:call-template name="f:epub-lang"/>
            <xsl:apply-templates mode="epub">
              <xsl:with-param name="inline" tunnel="yes" select="true()"/>
            </xsl:apply-templates>
          </span>
          <xsl:for-each select="f:reading-label(.)"> ({.})</xsl:for-each>
        </xsl:for-each>
        <xsl:for-each select="note">
          <xsl:text> </xsl:text>
          <span class="comment">
            <xsl:apply-templates mode="epub">
              <xsl:with-param name="inline" tunnel="yes" select="true()"/>
            </xsl:apply-templates>
          </span>
        </xsl:for-each>
      </p>
    </aside>
  </xsl:template>

</xsl:stylesheet>
